namespace FakeS3.Signing;

/// <summary>The X-Amz-* parameters of a presigned SigV4 URL, validated (spec §2.2 rows 1–4b).</summary>
internal sealed record PresignedQuery(
    CredentialScope Scope,
    string AmzDateText,
    DateTimeOffset AmzDate,
    long ExpiresSeconds,
    string SignedHeaders,
    IReadOnlyList<string> SignedHeaderNames,
    string Signature,
    string? SecurityToken,
    string PayloadHash)
{
    public DateTimeOffset ExpiresAt => Signing.AmzDate.AddSecondsSaturating(AmzDate, ExpiresSeconds);
}
