namespace FakeS3.Diagnostics;

/// <summary>Every FakeS3 log event id, in one table (YARP Utilities/EventIds.cs). Removed ids are never reused.</summary>
internal static class EventIds
{
    // 1xx: request log and rejections
    public const int RequestRejected = 100;
    public const int SignatureDiagnosed = 101;
    public const int SignatureDiagnosisFailed = 102;
    public const int RequestMissed = 103;
    public const int UnhandledError = 104;
    public const int UnhandledErrorRepeated = 105;
    public const int FaultInjected = 106;

    // 2xx: admin API
    public const int ClockMoved = 200;
    public const int ClockReset = 201;
    public const int StoreReset = 202;
    public const int AdminRefused = 203;
    public const int AdminFailed = 204;
    public const int FaultRuleAdded = 205;
    public const int FaultRuleRemoved = 206;
    public const int FaultRulesCleared = 207;
}
