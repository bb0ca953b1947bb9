using Microsoft.Extensions.Logging;

namespace FakeS3.Diagnostics;

/// <summary>
/// Source-generated log messages (ids from <see cref="EventIds"/>). Never log secrets or full signatures:
/// paths are redacted by <see cref="TargetRedaction"/> before they get here.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventIds.RequestRejected, LogLevel.Information, "{Method} {Path} rejected: {Status} {ErrorCode}. {Explanation}", EventName = nameof(EventIds.RequestRejected))]
    public static partial void RequestRejected(ILogger logger, string method, string path, int status, string? errorCode, string? explanation);

    /// <summary>404/412/416 and the like: ordinary traffic (an existence check, a conditional GET), not a rejection to debug.</summary>
    [LoggerMessage(EventIds.RequestMissed, LogLevel.Debug, "{Method} {Path}: {Status} {ErrorCode}", EventName = nameof(EventIds.RequestMissed))]
    public static partial void RequestMissed(ILogger logger, string method, string path, int status, string? errorCode);

    [LoggerMessage(EventIds.UnhandledError, LogLevel.Error, "Unhandled error in {Operation} (500 InternalError); later errors of this kind are logged without the stack trace", EventName = nameof(EventIds.UnhandledError))]
    public static partial void UnhandledError(ILogger logger, Exception exception, string? operation);

    [LoggerMessage(EventIds.UnhandledErrorRepeated, LogLevel.Warning, "Unhandled error in {Operation} (500 InternalError) again ({Count} times so far): {ExceptionType}: {ExceptionMessage}", EventName = nameof(EventIds.UnhandledErrorRepeated))]
    public static partial void UnhandledErrorRepeated(ILogger logger, string? operation, long count, string exceptionType, string exceptionMessage);

    [LoggerMessage(EventIds.FaultInjected, LogLevel.Information, "{Method} {Path}: fault rule {RuleId} injected {Effect} (status {Status})", EventName = nameof(EventIds.FaultInjected))]
    public static partial void FaultInjected(ILogger logger, string method, string path, string ruleId, string effect, int status);

    [LoggerMessage(EventIds.SignatureDiagnosed, LogLevel.Debug, "SignatureDoesNotMatch diagnosed as {Cause}", EventName = nameof(EventIds.SignatureDiagnosed))]
    public static partial void SignatureDiagnosed(ILogger logger, SignatureCause cause);

    [LoggerMessage(EventIds.SignatureDiagnosisFailed, LogLevel.Warning, "Signature diagnosis failed; the rejection keeps its plain explanation", EventName = nameof(EventIds.SignatureDiagnosisFailed))]
    public static partial void SignatureDiagnosisFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventIds.ClockMoved, LogLevel.Information, "Clock moved through the admin API: now {Now:O} ({Mode})", EventName = nameof(EventIds.ClockMoved))]
    public static partial void ClockMoved(ILogger logger, DateTimeOffset now, string mode);

    [LoggerMessage(EventIds.ClockReset, LogLevel.Information, "Clock back to real time through the admin API", EventName = nameof(EventIds.ClockReset))]
    public static partial void ClockReset(ILogger logger);

    [LoggerMessage(EventIds.StoreReset, LogLevel.Information, "Store reset through the admin API: {Buckets} configured bucket(s) re-created", EventName = nameof(EventIds.StoreReset))]
    public static partial void StoreReset(ILogger logger, int buckets);

    [LoggerMessage(EventIds.AdminRefused, LogLevel.Warning, "Admin call {Method} {Path} refused: {Status} {Reason}", EventName = nameof(EventIds.AdminRefused))]
    public static partial void AdminRefused(ILogger logger, string method, string path, int status, string reason);

    [LoggerMessage(EventIds.AdminFailed, LogLevel.Error, "Admin call {Path} failed", EventName = nameof(EventIds.AdminFailed))]
    public static partial void AdminFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventIds.FaultRuleAdded, LogLevel.Information, "Fault rule {RuleId} added through the admin API: {Rule}", EventName = nameof(EventIds.FaultRuleAdded))]
    public static partial void FaultRuleAdded(ILogger logger, string ruleId, string rule);

    [LoggerMessage(EventIds.FaultRuleRemoved, LogLevel.Information, "Fault rule {RuleId} removed through the admin API", EventName = nameof(EventIds.FaultRuleRemoved))]
    public static partial void FaultRuleRemoved(ILogger logger, string ruleId);

    [LoggerMessage(EventIds.FaultRulesCleared, LogLevel.Information, "Every fault rule removed through the admin API", EventName = nameof(EventIds.FaultRulesCleared))]
    public static partial void FaultRulesCleared(ILogger logger);
}
