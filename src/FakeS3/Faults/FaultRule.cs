using System.Text.Json.Serialization;

namespace FakeS3.Faults;

/// <summary>
/// One fault rule: which requests (Operation, Method, Bucket, KeyPrefix, Auth), how often (Times, Every,
/// Probability + Seed) and what happens (Error, LatencyMs, BytesPerSecond, ResetConnection, ResetAfterBytes).
/// The same model from configuration (FakeS3:Faults:N:*), the admin API (POST /_fakes3/faults, JSON) and
/// in-process hosts (host.Faults.Add). Unset match fields match everything; unset frequency fields fail every
/// matching request. Checked by <see cref="FaultRuleValidator"/>.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)] // a misspelt filter must not silently match everything
public sealed class FaultRule
{
    /// <summary>Name used in the request log, GET /_fakes3/faults and DELETE /_fakes3/faults/{id}. Generated when unset.</summary>
    public string? Id { get; set; }

    /// <summary>S3 operation name, e.g. PutObject, UploadPart, GetObject, PostObject.</summary>
    public string? Operation { get; set; }

    /// <summary>HTTP method, e.g. PUT.</summary>
    public string? Method { get; set; }

    /// <summary>Only requests for this bucket (null: any).</summary>
    public string? Bucket { get; set; }

    /// <summary>Plain string prefix of the object key (no wildcards), as in listings.</summary>
    public string? KeyPrefix { get; set; }

    /// <summary>Only requests with this kind of authentication (default any).</summary>
    public FaultAuth Auth { get; set; } = FaultAuth.Any;

    /// <summary>Fail before the signature is checked (default: after authentication).</summary>
    public bool BeforeAuthentication { get; set; }

    /// <summary>At most this many faults, then the rule stays listed but idle ("the next N requests").</summary>
    public int? Times { get; set; }

    /// <summary>Only every Kth matching request (K, 2K, 3K...).</summary>
    public int? Every { get; set; }

    /// <summary>Each matching request fails with this probability (0..1).</summary>
    public double? Probability { get; set; }

    /// <summary>Seed for <see cref="Probability"/>: the same seed gives the same sequence of faults.</summary>
    public int? Seed { get; set; }

    /// <summary>S3 error to answer: SlowDown, ServiceUnavailable, InternalError, RequestTimeout or AccessDenied.</summary>
    public string? Error { get; set; }

    /// <summary>Read the whole request body first, then answer <see cref="Error"/> (the client's retry re-sends it).</summary>
    public bool ErrorAfterBody { get; set; }

    /// <summary>Adds Retry-After to SlowDown/ServiceUnavailable (S3 itself sends none).</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>Delay before the answer, in milliseconds (at most 300000).</summary>
    public int? LatencyMs { get; set; }

    /// <summary>Send the response body at this many bytes per second.</summary>
    public long? BytesPerSecond { get; set; }

    /// <summary>Reset the connection before any byte of the answer.</summary>
    public bool ResetConnection { get; set; }

    /// <summary>Send the headers and this many body bytes, then reset the connection (GET requests only).</summary>
    public long? ResetAfterBytes { get; set; }

    /// <summary>A copy of the rule.</summary>
    public FaultRule Clone() => (FaultRule)MemberwiseClone();
}
