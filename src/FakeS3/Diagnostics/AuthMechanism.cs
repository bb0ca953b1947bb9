using FakeS3.Http;
using Microsoft.AspNetCore.Http;

namespace FakeS3.Diagnostics;

/// <summary>
/// For the request log: which auth mechanism a request presented and under which access key, read from the
/// raw request. Needed because a rejected request never got an AuthResult.
/// </summary>
internal static class AuthMechanism
{
    public static string Presented(HttpRequest request, S3Operation? operation)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("AWS4-", StringComparison.Ordinal)) return "SigV4Header";
        if (authorization.StartsWith("AWS ", StringComparison.Ordinal)) return "SigV2Header";
        if (request.Query.ContainsKey("X-Amz-Signature") || request.Query.ContainsKey("X-Amz-Credential")) return "SigV4Query";
        if (request.Query.ContainsKey("Signature") || request.Query.ContainsKey("AWSAccessKeyId")) return "SigV2Query";
        if (operation == S3Operation.PostObject) return "PostPolicy";
        return "Anonymous";
    }

    public static string? AccessKeyId(HttpRequest request)
    {
        var credential = request.Query["X-Amz-Credential"].ToString();
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
        var v2 = request.Query["AWSAccessKeyId"].ToString();
        return v2.Length > 0 ? v2 : null;
    }
}
