namespace FakeS3.Diagnostics;

/// <summary>
/// What a SignatureDoesNotMatch diagnosis needs: the request as received, FakeS3's CanonicalRequest and
/// StringToSign, the signature presented and the secrets to try. Secrets never leave the diagnosis.
/// </summary>
internal sealed record SignatureDiagnosisInput(
    string Host,
    string RawPath,
    string RawQuery,
    string CanonicalRequest,
    string StringToSign,
    string ProvidedSignature,
    string AccessKeyId,
    string SecretAccessKey,
    string BaseDomain)
{
    /// <summary>Other configured credentials (access key id, secret): a client may sign with the wrong pair.</summary>
    public IReadOnlyList<(string AccessKeyId, string Secret)> OtherCredentials { get; init; } = [];
}
