namespace FakeS3.Diagnostics;

/// <summary>
/// One S3 request as FakeS3 saw it. <see cref="Path"/> has signature values redacted; <see cref="Explanation"/>
/// is set for every rejection; the canonical texts only for SignatureDoesNotMatch.
/// </summary>
public sealed record RequestLogEntry(
    DateTimeOffset Time,
    string Method,
    string Path,
    string? Operation,
    string AuthKind,
    string? AccessKeyId,
    int Status,
    string? ErrorCode,
    double DurationMs,
    string? Explanation,
    string? RequestId)
{
    /// <summary>True for an S3 error response (4xx/5xx or an error code).</summary>
    public bool Rejected => Status >= 400 || ErrorCode is not null;

    /// <summary>FakeS3's CanonicalRequest, for SignatureDoesNotMatch.</summary>
    public string? CanonicalRequest { get; init; }

    /// <summary>FakeS3's StringToSign, for SignatureDoesNotMatch.</summary>
    public string? StringToSign { get; init; }

    /// <summary>The fault rule that hit this request and what it did; null for requests no rule touched.</summary>
    public Faults.InjectedFault? Fault { get; init; }
}
