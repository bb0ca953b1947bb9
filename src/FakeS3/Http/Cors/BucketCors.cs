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
        foreach (var (name, value) in ActualRequestHeaders(ctx)) ctx.Response.Headers[name] = value;
    }

    /// <summary>
    /// The Access-Control-* headers a matching rule gives this (non-preflight) request. Error answers carry them
    /// too, so browser code can read a 403/404 [DOC cors: S3 evaluates CORS for every request with an Origin].
    /// </summary>
    public static IReadOnlyList<(string Name, string Value)> ActualRequestHeaders(S3RequestContext ctx)
    {
        if (ctx.Operation == S3Operation.Preflight || ctx.Header("Origin") is not { } origin || ctx.Target.Bucket is null) return [];
        var bucket = ctx.Store.GetBucket(ctx.Target.Bucket);
        return [.. CorsEvaluator.Actual(Of(bucket), origin, ctx.Request.Method)];
    }
}
