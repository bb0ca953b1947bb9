namespace FakeS3.Form;

/// <summary>AWSAccessKeyId + signature (base64 HMAC-SHA1 of the policy field).</summary>
internal sealed record SigV2PostAuth(string AccessKeyId, string Signature, string Policy) : PostAuth;
