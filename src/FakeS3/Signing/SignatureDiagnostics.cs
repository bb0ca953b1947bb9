using System.Text;

namespace FakeS3.Signing;

/// <summary>
/// Person-readable hints for SignatureDoesNotMatch (never secrets). The commonest cause is a URL signed for
/// another host or port than the one it is sent to (spec §6.6), so the host line comes first.
/// </summary>
internal static class SignatureDiagnostics
{
    public static string ExplainSigV4(SigV4Computation computed, string providedSignature, SignableRequest request)
    {
        var sb = new StringBuilder(256);
        sb.Append("Signature mismatch. FakeS3 signed with host '").Append(request.Host)
            .Append("' (the Host header as received; a URL presigned for another host or port, e.g. a docker service name instead of localhost, cannot match).");
        var lines = computed.CanonicalRequest.Split('\n');
        if (lines.Length > 2) sb.Append(" Canonical URI: ").Append(lines[1]).Append('.');
        sb.Append(" Payload hash: ").Append(lines[^1]).Append('.');
        if (providedSignature.Length != 64) sb.Append(" The provided signature is not 64 characters.");
        else if (providedSignature.Any(char.IsUpper)) sb.Append(" The provided signature has upper-case hex; S3 expects lower-case.");
        sb.Append(" Check the secret, the region, the signed header values and the path encoding against the CanonicalRequest in the error.");
        return sb.ToString();
    }

    public static string ExplainSigV2(string stringToSign, SignableRequest request) =>
        $"SigV2 signature mismatch for host '{request.Host}'. FakeS3's StringToSign was: {stringToSign.Replace("\n", "\\n", StringComparison.Ordinal)}";
}
