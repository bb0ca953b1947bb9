using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FakeS3.Errors;

namespace FakeS3.Signing;

/// <summary>
/// SigV2 (HMAC-SHA1, base64). Supported because boto3 presigns with SigV2 by default in us-east-1
/// (spec §1.7 [SDK]). Order: access key, time (expiry or skew), signature, session token.
/// </summary>
internal sealed class SigV2Authentication(ICredentialStore credentials, TimeProvider time, int maxSkewSeconds)
{
    public const string AccessKeyIdParameter = "AWSAccessKeyId";
    public const string SignatureParameter = "Signature";
    public const string ExpiresParameter = "Expires";

    public AuthResult AuthenticateQuery(SignableRequest request)
    {
        var query = request.Query;
        var accessKeyId = query.Get(AccessKeyIdParameter);
        var signature = query.Get(SignatureParameter);
        var expiresText = query.Get(ExpiresParameter);
        if (accessKeyId is null || signature is null || expiresText is null)
            throw new S3Exception(S3Errors.SigV2QueryParametersIncomplete());
        var credential = Lookup(accessKeyId);
        if (!long.TryParse(expiresText, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
            throw new S3Exception(S3Errors.SigV2ExpiresInvalid(expiresText));
        var expires = DateTimeOffset.FromUnixTimeSeconds(Math.Min(epoch, 253402300799));
        var now = time.GetUtcNow();
        if (now > expires)
            throw new S3Exception(S3Errors.RequestExpired(null, expires, now)
                .WithExplanation($"The SigV2 URL expired at {S3Errors.IsoSeconds(expires)}; server time is {S3Errors.IsoSeconds(now)}."));
        EnsureMatches(credential, expiresText, true, signature, request);
        SessionTokens.Ensure(credential, request.Header(SigV4Constants.HeaderSecurityToken) ?? query.Get("x-amz-security-token"));
        return new AuthResult(AuthKind.SigV2Query) { AccessKeyId = accessKeyId, Signature = signature, Expires = expires };
    }

    public AuthResult AuthenticateHeader(SignableRequest request, string authorization)
    {
        var rest = authorization.AsSpan(4).Trim();
        var colon = rest.LastIndexOf(':');
        if (colon <= 0 || colon == rest.Length - 1) throw new S3Exception(S3Errors.SigV2HeaderMalformed(authorization));
        var accessKeyId = rest[..colon].ToString();
        var signature = rest[(colon + 1)..].ToString();
        var credential = Lookup(accessKeyId);
        // With x-amz-date the Date line is empty and x-amz-date is signed among the amz headers [DOC].
        var amzDate = request.Header(SigV4Constants.HeaderAmzDate);
        var dateText = amzDate ?? request.Header("Date");
        if (dateText is null || !(AmzDate.TryParseHttpDate(dateText, out var requestTime) || AmzDate.TryParse(dateText, out requestTime)))
            throw new S3Exception(S3Errors.MissingDateHeader());
        var now = time.GetUtcNow();
        if (Math.Abs((now - requestTime).TotalSeconds) > maxSkewSeconds)
            throw new S3Exception(S3Errors.RequestTimeTooSkewed(dateText, now, maxSkewSeconds * 1000L));
        EnsureMatches(credential, amzDate is null ? dateText : "", false, signature, request);
        SessionTokens.Ensure(credential, request.Header(SigV4Constants.HeaderSecurityToken));
        return new AuthResult(AuthKind.SigV2Header) { AccessKeyId = accessKeyId, Signature = signature };
    }

    Credential Lookup(string accessKeyId) =>
        credentials.TryGet(accessKeyId, out var credential) ? credential : throw new S3Exception(S3Errors.InvalidAccessKeyId(accessKeyId));

    /// <summary>The resource as sent; for a path-style bucket request also with the trailing slash botocore signs.</summary>
    static void EnsureMatches(Credential credential, string dateOrExpires, bool fromQuery, string provided, SignableRequest request)
    {
        var stringToSign = SigV2StringToSign.Build(request, dateOrExpires, fromQuery);
        if (Matches(credential, stringToSign, provided)) return;
        if (SigV2StringToSign.IsPathStyleBucketWithoutSlash(request)
            && Matches(credential, SigV2StringToSign.Build(request, dateOrExpires, fromQuery, bucketSlash: true), provided)) return;
        throw new S3Exception(S3Errors.SignatureDoesNotMatch(credential.AccessKeyId, stringToSign, provided, null)
            .WithExplanation(SignatureDiagnostics.ExplainSigV2(stringToSign, request)));
    }

    static bool Matches(Credential credential, string stringToSign, string provided) =>
        Crypto.FixedTimeEquals(Convert.ToBase64String(
            HMACSHA1.HashData(Encoding.UTF8.GetBytes(credential.SecretAccessKey), Encoding.UTF8.GetBytes(stringToSign))), provided);
}
