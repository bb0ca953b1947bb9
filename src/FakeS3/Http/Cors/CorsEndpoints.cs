using System.Text;
using FakeS3.Cors;
using FakeS3.Errors;

namespace FakeS3.Http.Cors;

/// <summary>Preflight OPTIONS (no auth) and Put/Get/DeleteBucketCors (spec §7).</summary>
internal sealed class CorsEndpoints : IS3Endpoint
{
    public IEnumerable<(S3Operation, Func<S3RequestContext, Task>)> Operations =>
    [
        (S3Operation.Preflight, Preflight),
        (S3Operation.PutBucketCors, Put),
        (S3Operation.GetBucketCors, Get),
        (S3Operation.DeleteBucketCors, Delete),
    ];

    static Task Preflight(S3RequestContext ctx)
    {
        var bucket = ctx.Target.Bucket is null ? null : ctx.Store.GetBucket(ctx.Target.Bucket);
        var result = CorsEvaluator.Preflight(bucket is not null, BucketCors.Of(bucket), ctx.Header("Origin"),
            ctx.Header("Access-Control-Request-Method"), ctx.Header("Access-Control-Request-Headers"), ctx.Target.Key is not null);
        if (result.Error is not null) throw new S3Exception(result.Error);
        foreach (var (name, value) in result.Headers) ctx.Response.Headers[name] = value;
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    static async Task Put(S3RequestContext ctx)
    {
        var bucket = ctx.RequireBucket();
        var body = await RequestBodies.ReadSmallAsync(ctx, 64 * 1024);
        var configuration = CorsConfiguration.Parse(XmlBody.Text(body));
        bucket.CorsXml = configuration.Render();
        ctx.Store.UpdateBucket(bucket);
        await S3Responses.EmptyAsync(ctx);
    }

    static Task Get(S3RequestContext ctx)
    {
        var bucket = ctx.RequireBucket();
        if (bucket.CorsXml is null) throw new S3Exception(S3Errors.NoSuchCorsConfiguration(bucket.Id));
        return S3Responses.XmlBodyAsync(ctx, XmlDocumentText(bucket.CorsXml));
    }

    static Task Delete(S3RequestContext ctx)
    {
        var bucket = ctx.RequireBucket();
        bucket.CorsXml = null;
        ctx.Store.UpdateBucket(bucket);
        return S3Responses.EmptyAsync(ctx, 204);
    }

    static string XmlDocumentText(string xml) =>
        xml.StartsWith("<?xml", StringComparison.Ordinal) ? xml : S3Responses.XmlDeclaration + xml;
}
