using FakeS3.Http;
using FakeS3.Signing;

namespace FakeS3.Faults;

/// <summary>What a rule matches on, taken from one request.</summary>
internal readonly record struct FaultRequest(S3Operation Operation, string Method, string? Bucket, string? Key, FaultAuth Auth)
{
    /// <param name="key">The object key when it is not in the URL (PostObject: the form's key field).</param>
    public static FaultRequest Of(S3RequestContext ctx, FaultStage stage, string? key = null) =>
        new(ctx.Operation, ctx.Request.Method, ctx.Target.Bucket, key ?? ctx.Target.Key, AuthOf(ctx, stage));

    static FaultAuth AuthOf(S3RequestContext ctx, FaultStage stage)
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
        // Not authenticated yet: what the request presents.
        return Diagnostics.AuthMechanism.Presented(ctx.Request, ctx.Operation) switch
        {
            "SigV4Query" or "SigV2Query" => FaultAuth.Presigned,
            "SigV4Header" or "SigV2Header" => FaultAuth.HeaderSigned,
            _ => FaultAuth.Any,
        };
    }
}
