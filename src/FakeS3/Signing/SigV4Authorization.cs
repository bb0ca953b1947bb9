namespace FakeS3.Signing;

/// <summary>The parts of "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...".</summary>
internal sealed record SigV4Authorization(string Credential, string SignedHeaders, IReadOnlyList<string> SignedHeaderNames, string Signature);
