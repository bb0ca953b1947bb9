#if !NET9_0_OR_GREATER
namespace System.Threading;

/// <summary>
/// net8.0 build of the package: System.Threading.Lock arrived in .NET 9. The compiler lowers
/// <c>lock (x)</c> on a type with this name to <see cref="EnterScope"/>; a Monitor gives the same semantics.
/// </summary>
internal sealed class Lock
{
    readonly object _monitor = new();

    public Scope EnterScope()
    {
        Monitor.Enter(_monitor);
        return new Scope(_monitor);
    }

    public readonly ref struct Scope(object monitor)
    {
        public void Dispose() => Monitor.Exit(monitor);
    }
}
#endif
