namespace FakeS3.Signing;

/// <summary>Every stage FakeS3 computed for one request, so a mismatch can show where it diverged.</summary>
internal sealed record SigV4Computation(string CanonicalRequest, string StringToSign, byte[] SigningKey, string Signature);
