using FakeS3.Http;
using FakeS3.Signing;

namespace FakeS3.Faults;

/// <summary>What a rule matches on, read from one request. The signing mode is worked out only for rules that filter on it.</summary>
internal readonly struct FaultRequest(S3RequestContext ctx, FaultStage stage, string? key)
{
    public S3Operation Operation => ctx.Operation;
    public string Method => ctx.Request.Method;
    public string? Bucket => ctx.Target.Bucket;

    /// <summary>The object key; for PostObject the form's key field, which is not in the URL.</summary>
    public string? Key => key ?? ctx.Target.Key;

    public FaultAuth Auth()
    {
        if (ctx.Operation == S3Operation.PostObject) return FaultAuth.PostForm;
        if (stage == FaultStage.AfterAuthentication)
        {
            return ctx.Auth.Kind switch
            {
                AuthKind.SigV4Query or AuthKind.SigV2Query => FaultAuth.Presigned,
                AuthKind.SigV4Header or AuthKind.SigV2Header => FaultAuth.HeaderSigned,
                _ => FaultAuth.Any,
            };
        }
        // Not authenticated yet: what the request presents (from the already parsed query, no second parse).
        var authorization = ctx.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("AWS4-", StringComparison.Ordinal) || authorization.StartsWith("AWS ", StringComparison.Ordinal))
            return FaultAuth.HeaderSigned;
        return ctx.Query.Has("X-Amz-Signature") || ctx.Query.Has("Signature") ? FaultAuth.Presigned : FaultAuth.Any;
    }
}
