#if !NET9_0_OR_GREATER
namespace System;

/// <summary>
/// net8.0 build of the package: the .NET 9 APIs this code uses, with the same names and results, so the
/// sources stay written for .NET 10 (these members bind only where the real ones do not exist).
/// </summary>
internal static class Net8Polyfills
{
    extension(Convert)
    {
        /// <summary>Lower-case hex, as Convert.ToHexStringLower (.NET 9).</summary>
        public static string ToHexStringLower(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

        public static string ToHexStringLower(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
    }

    /// <summary>The ranges between separators, as MemoryExtensions.Split(ReadOnlySpan, char) (.NET 9).</summary>
    public static SpanSplitEnumerator Split(this ReadOnlySpan<char> span, char separator) => new(span, separator);

    public ref struct SpanSplitEnumerator(ReadOnlySpan<char> span, char separator)
    {
        readonly ReadOnlySpan<char> _span = span;
        int _start = 0;
        bool _done = false;

        public Range Current { get; private set; }

        public readonly SpanSplitEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_done) return false;
            var next = _span[_start..].IndexOf(separator);
            if (next < 0)
            {
                Current = _start.._span.Length;
                _done = true;
            }
            else
            {
                Current = _start..(_start + next);
                _start += next + 1;
            }
            return true;
        }
    }
}
#endif
