using FakeS3.Errors;

namespace FakeS3.Signing;

/// <summary>
/// FakeS3 decision (S3's InvalidToken/ExpiredToken texts are out of scope, spec §2.2 [UNCONFIRMED]): a
/// credential configured with a SessionToken requires X-Amz-Security-Token / x-amz-security-token with
/// exactly that value, else 403 AccessDenied "Access Denied"; without a configured token any token is accepted.
/// </summary>
internal static class SessionTokens
{
    public static void Ensure(Credential credential, string? presented)
    {
        if (credential.SessionToken is null) return;
        if (presented is not null && Crypto.FixedTimeEquals(credential.SessionToken, presented)) return;
        throw new S3Exception(S3Errors.AccessDenied().WithExplanation(presented is null
            ? $"Access key '{credential.AccessKeyId}' is configured with a session token, but the request carries no X-Amz-Security-Token."
            : $"The security token does not match the one configured for access key '{credential.AccessKeyId}'."));
    }
}
