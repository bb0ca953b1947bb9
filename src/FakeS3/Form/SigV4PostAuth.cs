namespace FakeS3.Form;

/// <summary>
/// The SigV4 POST fields, parsed. <see cref="Date"/> is the credential's yyyyMMdd; <see cref="AmzDate"/> the
/// x-amz-date field. The StringToSign is <see cref="Policy"/> exactly as received [DOC vector F].
/// </summary>
internal sealed record SigV4PostAuth(
    string Algorithm, string Credential, string AccessKeyId, string Date, string Region, string Service,
    DateTimeOffset AmzDate, string Signature, string Policy, string? SecurityToken) : PostAuth;
