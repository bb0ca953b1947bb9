using FakeS3.Errors;
using FakeS3.Hosting;
using Microsoft.Extensions.Options;

namespace FakeS3.Signing;

/// <summary>
/// The entry point the HTTP edge calls: detects the auth mechanism (spec §2.1) and runs its verifier.
/// Returns <see cref="AuthResult.Anonymous"/> when the request carries no auth at all; throws S3Exception
/// for every rejection.
/// </summary>
internal sealed class RequestAuthenticator
{
    readonly SigV4QueryAuthentication _query;
    readonly SigV4HeaderAuthentication _header;
    readonly SigV2Authentication _v2;

    public RequestAuthenticator(ICredentialStore credentials, TimeProvider time, IOptions<FakeS3Options> options,
        SigningKeyCache? signingKeys = null)
    {
        var o = options.Value;
        var verifier = new SigV4Verifier(signingKeys ?? new SigningKeyCache());
        _query = new SigV4QueryAuthentication(credentials, verifier, time, o.Region, o.MaxSkewSeconds);
        _header = new SigV4HeaderAuthentication(credentials, verifier, time, o.Region, o.MaxSkewSeconds);
        _v2 = new SigV2Authentication(credentials, time, o.MaxSkewSeconds);
    }

    public AuthResult Authenticate(SignableRequest request)
    {
        var authorization = request.Header("Authorization");
        var query = request.Query;
        var v4Query = PresignedQueryParser.IsPresent(query);
        var v2Query = query.Contains(SigV2Authentication.AccessKeyIdParameter) || query.Contains(SigV2Authentication.SignatureParameter)
            || query.Contains(SigV2Authentication.ExpiresParameter);
        if (authorization is not null)
        {
            if (v4Query || (v2Query && IsSigV2QueryAttempt(query)))
                throw new S3Exception(S3Errors.MultipleAuthMechanisms(authorization));
            return AuthenticateHeader(request, authorization);
        }
        if (v4Query) return _query.Authenticate(request);
        if (v2Query) return _v2.AuthenticateQuery(request);
        return AuthResult.Anonymous;
    }

    AuthResult AuthenticateHeader(SignableRequest request, string authorization)
    {
        if (authorization.StartsWith(SigV4Constants.Algorithm + " ", StringComparison.Ordinal))
            return _header.Authenticate(request, authorization);
        if (authorization.StartsWith("AWS ", StringComparison.Ordinal)) return _v2.AuthenticateHeader(request, authorization);
        if (authorization.StartsWith(SigV4Constants.EcdsaAlgorithm, StringComparison.Ordinal))
            throw new S3Exception(S3Errors.SigV4aNotImplemented().WithExplanation("FakeS3 does not implement SigV4a (AWS4-ECDSA-P256-SHA256)."));
        // [WIRE] S3's answer to a foreign scheme such as "Bearer …" (seen when clients forward OAuth tokens to S3).
        throw new S3Exception(S3Errors.UnsupportedAuthorizationType(authorization)
            .WithExplanation("The Authorization header is neither 'AWS4-HMAC-SHA256 ...' (SigV4) nor 'AWS AKID:signature' (SigV2)."));
    }

    /// <summary>"Expires" alone is an ordinary word; with the Authorization header only Signature or AWSAccessKeyId count as query auth.</summary>
    static bool IsSigV2QueryAttempt(ParsedQuery query) =>
        query.Contains(SigV2Authentication.AccessKeyIdParameter) || query.Contains(SigV2Authentication.SignatureParameter);
}
