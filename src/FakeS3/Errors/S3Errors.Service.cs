using System.Globalization;

namespace FakeS3.Errors;

/// <summary>
/// S3's "bad day" errors: throttling, unavailability, an idle socket. FakeS3 only sends them when a fault rule
/// asks (Faults/). No Retry-After by default: a SlowDown captured from S3 (its headers quoted in a public SDK
/// bug report) carries none, and the ErrorResponses list names no such header [2ND]. A rule may add one to test
/// clients against S3-compatible stores that do send it.
/// </summary>
internal static partial class S3Errors
{
    /// <summary>[2ND] message as captured from S3 by several SDK bug reports.</summary>
    public static S3Error SlowDown(int? retryAfterSeconds = null) =>
        WithRetryAfter(new(S3ErrorCode.SlowDown, "Please reduce your request rate."), retryAfterSeconds);

    /// <summary>[DOC] ErrorResponses list.</summary>
    public static S3Error ServiceUnavailable(int? retryAfterSeconds = null) =>
        WithRetryAfter(new(S3ErrorCode.ServiceUnavailable, "Reduce your request rate."), retryAfterSeconds);

    /// <summary>[2ND] message as captured from S3 (S3 sends it after ~20 s without body bytes).</summary>
    public static S3Error RequestTimeout() => new(S3ErrorCode.RequestTimeout,
        "Your socket connection to the server was not read from or written to within the timeout period. Idle connections will be closed.");

    static S3Error WithRetryAfter(S3Error error, int? seconds) => seconds is { } s
        ? new(error.Code, error.Message) { Headers = [("Retry-After", s.ToString(CultureInfo.InvariantCulture))] }
        : error;
}
