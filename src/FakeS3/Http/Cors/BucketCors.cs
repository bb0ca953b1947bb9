using FakeS3.Cors;
using FakeS3.Storage;

namespace FakeS3.Http.Cors;

/// <summary>A bucket's stored CORS rules, and the Access-Control-* headers for actual (non-preflight) requests.</summary>
internal static class BucketCors
{
    public static CorsConfiguration? Of(BucketRecord? bucket) =>
        bucket?.CorsXml is { } xml ? CorsConfiguration.Parse(xml) : null;

    /// <summary>Adds the matching rule's headers when the request has an Origin; the request is served either way.</summary>
    public static void ApplyToActualRequest(S3RequestContext ctx)
    {
        if (ctx.Header("Origin") is not { } origin || ctx.Target.Bucket is null) return;
        var bucket = ctx.Store.GetBucket(ctx.Target.Bucket);
        foreach (var (name, value) in CorsEvaluator.Actual(Of(bucket), origin, ctx.Request.Method))
            ctx.Response.Headers[name] = value;
    }
}
