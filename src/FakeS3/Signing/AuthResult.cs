namespace FakeS3.Signing;

/// <summary>
/// The outcome of a successful authentication: what aws-chunked verification needs (seed Signature,
/// SigningKey, CredentialScope, AmzDate) plus what the request log shows (SignedHeaders, Expires).
/// </summary>
internal sealed record AuthResult(AuthKind Kind)
{
    public static readonly AuthResult Anonymous = new(AuthKind.Anonymous);

    public string? AccessKeyId { get; init; }

    /// <summary>x-amz-content-sha256 (header auth), UNSIGNED-PAYLOAD or the X-Amz-Content-Sha256 query value (presign); null for SigV2/anonymous.</summary>
    public string? PayloadHash { get; init; }

    /// <summary>The request signature; for STREAMING-AWS4-HMAC-SHA256-PAYLOAD it seeds the chunk chain.</summary>
    public string? Signature { get; init; }

    public byte[]? SigningKey { get; init; }
    public CredentialScope? CredentialScope { get; init; }

    /// <summary>Line 2 of the StringToSign as used (x-amz-date, X-Amz-Date, or the raw Date header).</summary>
    public string? AmzDate { get; init; }

    public IReadOnlyList<string> SignedHeaders { get; init; } = [];

    /// <summary>When a presigned URL stops being valid (SigV4 date + X-Amz-Expires, SigV2 Expires).</summary>
    public DateTimeOffset? Expires { get; init; }

    public bool IsAuthenticated => Kind != AuthKind.Anonymous;
}
