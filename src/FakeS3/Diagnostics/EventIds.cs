using Microsoft.Extensions.Logging;

namespace FakeS3.Diagnostics;

/// <summary>Every FakeS3 log event id, in one table (YARP Utilities/EventIds.cs). Removed ids are never reused.</summary>
internal static class EventIds
{
    // 1xx: request log and rejections
    public static readonly EventId RequestRejected = new(100, nameof(RequestRejected));
    public static readonly EventId SignatureDiagnosed = new(101, nameof(SignatureDiagnosed));
    public static readonly EventId SignatureDiagnosisFailed = new(102, nameof(SignatureDiagnosisFailed));

    // 2xx: admin API
    public static readonly EventId ClockMoved = new(200, nameof(ClockMoved));
    public static readonly EventId ClockReset = new(201, nameof(ClockReset));
    public static readonly EventId StoreReset = new(202, nameof(StoreReset));
}
