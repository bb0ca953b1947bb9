namespace FakeS3.Form;

/// <summary>No signature fields: allowed only on a publicly writable bucket (403 Access Denied otherwise [REC]).</summary>
internal sealed record AnonymousPostAuth(string? Policy) : PostAuth;
