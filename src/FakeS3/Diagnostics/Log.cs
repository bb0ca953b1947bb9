using Microsoft.Extensions.Logging;

namespace FakeS3.Diagnostics;

/// <summary>
/// Source-generated log messages (ids from <see cref="EventIds"/>). Never log secrets or full signatures:
/// paths are redacted by <see cref="TargetRedaction"/> before they get here.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Information, "{Method} {Path} rejected: {Status} {ErrorCode}. {Explanation}", EventName = "RequestRejected")]
    public static partial void RequestRejected(ILogger logger, string method, string path, int status, string? errorCode, string? explanation);

    [LoggerMessage(101, LogLevel.Debug, "SignatureDoesNotMatch diagnosed as {Cause}", EventName = "SignatureDiagnosed")]
    public static partial void SignatureDiagnosed(ILogger logger, SignatureCause cause);

    [LoggerMessage(102, LogLevel.Warning, "Signature diagnosis failed; the rejection keeps its plain explanation", EventName = "SignatureDiagnosisFailed")]
    public static partial void SignatureDiagnosisFailed(ILogger logger, Exception exception);

    [LoggerMessage(200, LogLevel.Information, "Clock moved through the admin API: now {Now:O} ({Mode})", EventName = "ClockMoved")]
    public static partial void ClockMoved(ILogger logger, DateTimeOffset now, string mode);

    [LoggerMessage(201, LogLevel.Information, "Clock back to real time through the admin API", EventName = "ClockReset")]
    public static partial void ClockReset(ILogger logger);

    [LoggerMessage(202, LogLevel.Information, "Store reset through the admin API: {Buckets} configured bucket(s) re-created", EventName = "StoreReset")]
    public static partial void StoreReset(ILogger logger, int buckets);
}
