using FakeS3.Errors;

namespace FakeS3.Signing;

/// <summary>
/// Presigned SigV4 URL: the checks of spec §2.2 in its order — parameters (1–4b), access key (5),
/// expired (6), not yet valid (7), unsigned x-amz-* headers (8), signature (9) — then the session token.
/// </summary>
internal sealed class SigV4QueryAuthentication(ICredentialStore credentials, SigV4Verifier verifier, TimeProvider time,
    string region, int maxSkewSeconds)
{
    readonly PresignedSignatureCache _matched = new();

    public AuthResult Authenticate(SignableRequest request)
    {
        var query = PresignedQueryParser.Parse(request.Query, region);
        if (!credentials.TryGet(query.Scope.AccessKeyId, out var credential))
            throw new S3Exception(S3Errors.InvalidAccessKeyId(query.Scope.AccessKeyId));
        EnsureTimely(query);
        SigV4Verifier.EnsureHeadersSigned(request, query.SignedHeaderNames);
        var key = PresignedSignatureCache.KeyFor(request, query.SignedHeaderNames, credential.SecretAccessKey);
        var cached = _matched.Get(key);
        var computed = cached ?? verifier.Compute(request, query.Scope, credential.SecretAccessKey, query.AmzDateText,
            query.SignedHeaderNames, query.SignedHeaders, query.PayloadHash, presigned: true);
        SigV4Verifier.EnsureMatches(computed, query.Scope.AccessKeyId, query.Signature, request);
        if (cached is null) _matched.Add(key, computed);
        SessionTokens.Ensure(credential, query.SecurityToken);
        return new AuthResult(AuthKind.SigV4Query)
        {
            AccessKeyId = query.Scope.AccessKeyId, PayloadHash = query.PayloadHash, Signature = query.Signature,
            SigningKey = computed.SigningKey, CredentialScope = query.Scope, AmzDate = query.AmzDateText,
            SignedHeaders = query.SignedHeaderNames, Expires = query.ExpiresAt,
        };
    }

    /// <summary>
    /// Expired when now &gt; X-Amz-Date + X-Amz-Expires (now == expiry is still valid, as LocalStack).
    /// X-Amz-Expires=0 is expired immediately: the documented minimum is 1 (FakeS3 decision, spec §2.2
    /// [UNCONFIRMED]). A date further in the future than MaxSkewSeconds is "not yet valid" (S3's tolerance
    /// [UNCONFIRMED]; the header-auth skew is reused).
    /// </summary>
    void EnsureTimely(PresignedQuery query)
    {
        var now = time.GetUtcNow();
        var expiresAt = query.ExpiresAt;
        if (query.ExpiresSeconds == 0 || now > expiresAt)
            throw new S3Exception(S3Errors.RequestExpired(query.ExpiresSeconds, expiresAt, now)
                .WithExplanation($"The URL was signed at {S3Errors.IsoSeconds(query.AmzDate)} for {query.ExpiresSeconds} s; server time is {S3Errors.IsoSeconds(now)}."));
        if (query.AmzDate > now.AddSeconds(maxSkewSeconds))
            throw new S3Exception(S3Errors.RequestNotYetValid(query.AmzDate, expiresAt, now)
                .WithExplanation($"X-Amz-Date is more than {maxSkewSeconds} s ahead of server time {S3Errors.IsoSeconds(now)}; check the client clock."));
    }
}
