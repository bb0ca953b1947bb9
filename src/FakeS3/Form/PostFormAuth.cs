using System.Globalization;
using FakeS3.Errors;
using FakeS3.Policy;

namespace FakeS3.Form;

/// <summary>
/// Which authentication a validated POST form uses (run <see cref="PostFormValidator"/> first), and the
/// parse errors of spec §3.6. Throws <see cref="S3Exception"/>.
/// </summary>
internal static class PostFormAuth
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    public static PostAuth Parse(PostForm form, string expectedRegion)
    {
        if (form.Get("x-amz-signature") is { } signature) return ParseV4(form, signature, expectedRegion);
        if (form.Get("signature") is { } v2Signature)
        {
            return new SigV2PostAuth(form.Get("AWSAccessKeyId") ?? "", v2Signature, form.Get("policy") ?? "");
        }
        return new AnonymousPostAuth(form.Get("policy"));
    }

    static SigV4PostAuth ParseV4(PostForm form, string signature, string expectedRegion)
    {
        var algorithm = form.Get("x-amz-algorithm") ?? "";
        // [UNCONFIRMED] S3's POST answer for another algorithm is unrecorded; the header-auth text is reused.
        if (algorithm != Algorithm) throw new S3Exception(S3Errors.AuthMechanismNotSupported());

        var credential = form.Get("x-amz-credential") ?? "";
        var parts = credential.Split('/');
        if (parts.Length != 5) throw Credential(credential, S3Errors.CredentialMalformedReason);
        var (akid, date, region, service, terminal) = (parts[0], parts[1], parts[2], parts[3], parts[4]);
        if (akid.Length == 0) throw new S3Exception(S3Errors.PostEmptyAccessKey(credential)); // [2ND]
        if (!DateTime.TryParseExact(date, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw Credential(credential, S3Errors.CredentialDateReason(date));
        }
        if (region != expectedRegion)
        {
            throw new S3Exception(S3Errors.PostCredentialWrongRegion(credential, region, expectedRegion)); // [WIRE]
        }
        if (service != "s3") throw Credential(credential, S3Errors.CredentialServiceReason(service));
        if (terminal != "aws4_request") throw Credential(credential, S3Errors.CredentialTerminalReason(terminal));

        var amzDateText = form.Get("x-amz-date") ?? "";
        if (!DateTimeOffset.TryParseExact(amzDateText, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var amzDate))
        {
            throw new S3Exception(S3Errors.PostDateMalformed(amzDateText)); // [2ND]
        }
        // The credential date is not compared with x-amz-date: the policy's own x-amz-date condition and
        // the signing key pin them together [UNCONFIRMED whether S3 checks it separately].
        return new SigV4PostAuth(algorithm, credential, akid, date, region, service, amzDate, signature,
            form.Get("policy") ?? "", form.Get("x-amz-security-token"));
    }

    /// <summary>The credential reasons the query parser uses, without its prefix, as InvalidArgument [DERIVED, versitygw].</summary>
    static S3Exception Credential(string credential, string reason) => new(S3Errors.PostCredentialInvalid(credential, reason));
}
