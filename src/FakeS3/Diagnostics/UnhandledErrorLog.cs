using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FakeS3.Diagnostics;

/// <summary>
/// Logs a 500's stack trace once per kind (exception type + throwing method); a retry storm of the same failure
/// adds one short warning line per occurrence, never another stack trace.
/// </summary>
internal sealed class UnhandledErrorLog(ILogger<UnhandledErrorLog> logger)
{
    const int MaxKinds = 1024;
    readonly ConcurrentDictionary<string, long> _seen = new(StringComparer.Ordinal);

    public void Report(Exception exception, string? operation)
    {
        var kind = exception.GetType().FullName + "@" + exception.TargetSite?.DeclaringType?.FullName + "." + exception.TargetSite?.Name;
        if (_seen.Count >= MaxKinds && !_seen.ContainsKey(kind)) kind = "(other)";
        var count = _seen.AddOrUpdate(kind, 1, static (_, n) => n + 1);
        if (count == 1) Log.UnhandledError(logger, exception, operation);
        else Log.UnhandledErrorRepeated(logger, operation, count, exception.GetType().Name, exception.Message);
    }
}
