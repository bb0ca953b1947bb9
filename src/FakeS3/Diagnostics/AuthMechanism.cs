using FakeS3.Http;
using Microsoft.AspNetCore.Http;

namespace FakeS3.Diagnostics;

/// <summary>
/// For the request log: which auth mechanism a request presented and under which access key, read from the
/// raw request. Needed because a rejected request never got an AuthResult. Query names are read decoded and
/// case-sensitive, exactly as the authenticator reads them.
/// </summary>
internal static class AuthMechanism
{
    public static string Presented(HttpRequest request, S3Query query, S3Operation? operation)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("AWS4-", StringComparison.Ordinal)) return "SigV4Header";
        if (authorization.StartsWith("AWS ", StringComparison.Ordinal)) return "SigV2Header";
        if (query.Has("X-Amz-Signature") || query.Has("X-Amz-Credential")) return "SigV4Query";
        if (query.Has("Signature") || query.Has("AWSAccessKeyId")) return "SigV2Query";
        if (operation == S3Operation.PostObject) return "PostPolicy";
        return "Anonymous";
    }

    public static string? AccessKeyId(HttpRequest request, S3Query query)
    {
        var credential = query["X-Amz-Credential"] ?? "";
        if (credential.Length == 0)
        {
            var authorization = request.Headers.Authorization.ToString();
            var i = authorization.IndexOf("Credential=", StringComparison.Ordinal);
            if (i >= 0) credential = authorization[(i + "Credential=".Length)..];
        }
        if (credential.Length > 0)
        {
            var slash = credential.IndexOf('/');
            return slash < 0 ? credential : credential[..slash];
        }
        var v2 = query["AWSAccessKeyId"];
        return v2 is { Length: > 0 } ? v2 : null;
    }
}
