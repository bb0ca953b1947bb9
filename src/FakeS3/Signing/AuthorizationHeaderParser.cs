using FakeS3.Errors;

namespace FakeS3.Signing;

/// <summary>
/// Parses a SigV4 Authorization header. Components are separated by ',' with optional spaces (botocore
/// writes ", ", other clients none; spec §1.7). Failures are AuthorizationHeaderMalformed (spec §2.3).
/// </summary>
internal static class AuthorizationHeaderParser
{
    public static SigV4Authorization Parse(string header)
    {
        var rest = header.AsSpan(SigV4Constants.Algorithm.Length).Trim();
        string? credential = null, signedHeaders = null, signature = null;
        foreach (var range in rest.Split(','))
        {
            var part = rest[range].Trim();
            var eq = part.IndexOf('=');
            if (eq <= 0) continue;
            var key = part[..eq].Trim();
            var value = part[(eq + 1)..].Trim().ToString();
            if (key.SequenceEqual("Credential")) credential = value;
            else if (key.SequenceEqual("SignedHeaders")) signedHeaders = value;
            else if (key.SequenceEqual("Signature")) signature = value;
        }
        if (credential is null) throw new S3Exception(S3Errors.HeaderMalformed("missing Credential."));
        if (signedHeaders is null) throw new S3Exception(S3Errors.HeaderMalformed("missing SignedHeaders."));
        if (signature is null) throw new S3Exception(S3Errors.HeaderMalformed("missing Signature."));
        return new SigV4Authorization(credential, signedHeaders, SplitSignedHeaders(signedHeaders), signature);
    }

    /// <summary>"a;b;c" → lower-case names in the order given (the order is part of what was signed).</summary>
    public static string[] SplitSignedHeaders(string signedHeaders) =>
        signedHeaders.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
