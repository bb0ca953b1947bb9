using FakeS3.Errors;

namespace FakeS3.Signing;

/// <summary>
/// Authorization-header SigV4 (spec §2.3). Order (S3's own precedence is UNCONFIRMED): header syntax,
/// credential scope, x-amz-content-sha256, date, access key, clock skew, unsigned x-amz-* headers,
/// signature, session token.
/// </summary>
internal sealed class SigV4HeaderAuthentication(ICredentialStore credentials, SigV4Verifier verifier, TimeProvider time,
    string region, int maxSkewSeconds)
{
    public AuthResult Authenticate(SignableRequest request, string authorization)
    {
        var parsed = AuthorizationHeaderParser.Parse(authorization);
        var scope = CredentialScope.Parse(parsed.Credential, region, fromQuery: false);
        var payloadHash = RequirePayloadHash(request, parsed.SignedHeaderNames);
        var (amzDate, requestTime, fromAmzDate) = RequireDate(request);
        if (fromAmzDate && !amzDate.AsSpan(0, 8).SequenceEqual(scope.Date))
            throw new S3Exception(S3Errors.HeaderCredentialDateMismatch());
        if (!credentials.TryGet(scope.AccessKeyId, out var credential))
            throw new S3Exception(S3Errors.InvalidAccessKeyId(scope.AccessKeyId));
        EnsureNotSkewed(amzDate, requestTime);
        // Header auth gets the same unsigned-header rule as presign: the AWS docs require every x-amz-*
        // header to be signed and all SDKs sign them (FakeS3 decision; spec §2.2 says UNCONFIRMED for S3).
        SigV4Verifier.EnsureHeadersSigned(request, parsed.SignedHeaderNames);
        var computed = verifier.Compute(request, scope, credential.SecretAccessKey, amzDate, parsed.SignedHeaderNames,
            parsed.SignedHeaders, payloadHash, presigned: false);
        SigV4Verifier.EnsureMatches(computed, scope.AccessKeyId, parsed.Signature, request);
        SessionTokens.Ensure(credential, request.Header(SigV4Constants.HeaderSecurityToken));
        return new AuthResult(AuthKind.SigV4Header)
        {
            AccessKeyId = scope.AccessKeyId, PayloadHash = payloadHash, Signature = parsed.Signature,
            SigningKey = computed.SigningKey, CredentialScope = scope, AmzDate = amzDate,
            SignedHeaders = parsed.SignedHeaderNames,
        };
    }

    static string RequirePayloadHash(SignableRequest request, IReadOnlyList<string> signedHeaderNames)
    {
        var value = request.Header(SigV4Constants.HeaderContentSha256);
        if (value is null) throw new S3Exception(S3Errors.MissingContentSha256());
        if (value is SigV4Constants.StreamingEcdsaPayload or SigV4Constants.StreamingEcdsaPayloadTrailer)
            throw new S3Exception(S3Errors.SigV4aNotImplemented().WithExplanation("FakeS3 does not implement SigV4a (ECDSA) streaming uploads."));
        if (!PayloadHashes.IsValid(value)) throw new S3Exception(S3Errors.ContentSha256Invalid(value));
        if (!SigV4Verifier.Contains(signedHeaderNames, SigV4Constants.HeaderContentSha256))
            throw new S3Exception(S3Errors.ContentSha256NotSigned());
        return value;
    }

    /// <summary>x-amz-date wins; with only Date, line 2 of the StringToSign is the raw Date value (spec §1.7 [WIRE]).</summary>
    static (string AmzDate, DateTimeOffset Time, bool FromAmzDate) RequireDate(SignableRequest request)
    {
        var amzDate = request.Header(SigV4Constants.HeaderAmzDate);
        if (amzDate is not null)
        {
            if (AmzDate.TryParse(amzDate, out var t)) return (amzDate, t, true);
            throw new S3Exception(S3Errors.MissingDateHeader().WithExplanation($"x-amz-date '{amzDate}' is not yyyyMMddTHHmmssZ."));
        }
        var date = request.Header("Date");
        if (date is not null && AmzDate.TryParseHttpDate(date, out var d)) return (date, d, false);
        throw new S3Exception(S3Errors.MissingDateHeader());
    }

    void EnsureNotSkewed(string requestTimeText, DateTimeOffset requestTime)
    {
        var now = time.GetUtcNow();
        if (Math.Abs((now - requestTime).TotalSeconds) <= maxSkewSeconds) return;
        throw new S3Exception(S3Errors.RequestTimeTooSkewed(requestTimeText, now, maxSkewSeconds * 1000L)
            .WithExplanation($"Request time {requestTimeText} differs from server time {S3Errors.IsoSeconds(now)} by more than {maxSkewSeconds} s."));
    }
}
