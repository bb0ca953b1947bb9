namespace FakeS3.Diagnostics;

/// <summary>Every FakeS3 log event id, in one table (YARP Utilities/EventIds.cs). Removed ids are never reused.</summary>
internal static class EventIds
{
    // 1xx: request log and rejections
    public const int RequestRejected = 100;
    public const int SignatureDiagnosed = 101;
    public const int SignatureDiagnosisFailed = 102;

    // 2xx: admin API
    public const int ClockMoved = 200;
    public const int ClockReset = 201;
    public const int StoreReset = 202;
    public const int AdminRefused = 203;
    public const int AdminFailed = 204;
}
