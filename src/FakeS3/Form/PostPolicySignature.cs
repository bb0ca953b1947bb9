using System.Security.Cryptography;
using System.Text;

namespace FakeS3.Form;

/// <summary>
/// POST signatures: SigV4 = lower-case hex HMAC-SHA256 of the base64 policy text with the SigV4 signing key
/// [DOC sigv4-post-example, vector F]; SigV2 = base64 HMAC-SHA1 of the same text. Compared in fixed time.
/// </summary>
internal static class PostPolicySignature
{
    /// <summary>kDate → kRegion → kService → kSigning (spec §1.1): the same derivation as header and query auth.</summary>
    public static byte[] DeriveSigningKey(string secretAccessKey, string date, string region, string service = "s3") =>
        Signing.SigningKey.Derive(secretAccessKey, date, region, service);

    public static string ComputeV4(byte[] signingKey, string policyBase64) => Signing.Crypto.HmacSha256Hex(signingKey, policyBase64);

    /// <summary>Upper-case hex is rejected (spec §1.1 decision).</summary>
    public static bool VerifyV4(byte[] signingKey, string policyBase64, string signatureHex) =>
        Signing.Crypto.FixedTimeEquals(ComputeV4(signingKey, policyBase64), signatureHex);

    public static string ComputeV2(string secretAccessKey, string policyBase64) => Convert.ToBase64String(
        HMACSHA1.HashData(Encoding.UTF8.GetBytes(secretAccessKey), Encoding.UTF8.GetBytes(policyBase64)));

    public static bool VerifyV2(string secretAccessKey, string policyBase64, string signatureBase64) =>
        Signing.Crypto.FixedTimeEquals(ComputeV2(secretAccessKey, policyBase64), signatureBase64);
}
