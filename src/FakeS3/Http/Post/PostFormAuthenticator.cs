using FakeS3.Errors;
using FakeS3.Form;
using FakeS3.Signing;

namespace FakeS3.Http.Post;

/// <summary>
/// Verifies the form's signature over the base64 policy exactly as received [DOC vector F], before the policy
/// is decoded (a truncated policy is SignatureDoesNotMatch, not InvalidPolicyDocument [REC]).
/// </summary>
internal sealed class PostFormAuthenticator(ICredentialStore credentials, SigningKeyCache keys)
{
    /// <summary>Returns the verified policy (base64), or null for an anonymous form.</summary>
    public string? Verify(PostAuth auth)
    {
        switch (auth)
        {
            case SigV4PostAuth v4:
            {
                var credential = Lookup(v4.AccessKeyId);
                SessionTokens.Ensure(credential, v4.SecurityToken);
                var key = keys.Get(credential.AccessKeyId, credential.SecretAccessKey, v4.Date, v4.Region, v4.Service);
                if (!PostPolicySignature.VerifyV4(key, v4.Policy, v4.Signature))
                    throw new S3Exception(S3Errors.SignatureDoesNotMatch(v4.AccessKeyId, v4.Policy, v4.Signature, null)
                        .WithExplanation("The x-amz-signature field is not the HMAC-SHA256 of the policy field (as sent) with the signing key of this credential: the policy was changed after signing, or the secret key differs."));
                return v4.Policy;
            }
            case SigV2PostAuth v2:
            {
                var credential = Lookup(v2.AccessKeyId);
                if (!PostPolicySignature.VerifyV2(credential.SecretAccessKey, v2.Policy, v2.Signature))
                    throw new S3Exception(S3Errors.SignatureDoesNotMatch(v2.AccessKeyId, v2.Policy, v2.Signature, null)
                        .WithExplanation("The signature field is not the base64 HMAC-SHA1 of the policy field with this secret key."));
                return v2.Policy;
            }
            default:
                return null;
        }
    }

    Credential Lookup(string accessKeyId) =>
        credentials.TryGet(accessKeyId, out var credential)
            ? credential
            : throw new S3Exception(S3Errors.InvalidAccessKeyId(accessKeyId));
}
