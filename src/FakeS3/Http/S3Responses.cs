using System.Text;

namespace FakeS3.Http;

/// <summary>Success bodies. Error bodies are written only by Errors/S3ErrorWriter.</summary>
internal static class S3Responses
{
    public const string XmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    public const string Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    public static Task XmlAsync(S3RequestContext ctx, string xml, int status = 200) =>
        XmlBodyAsync(ctx, XmlDeclaration + xml, status);

    /// <summary>
    /// A body built in a StringBuilder (listings: up to 1,000 entries, several hundred KB), encoded from its chunks
    /// into pooled 16 KiB buffers: as one string, the same string behind the declaration and one byte array, each
    /// page was three allocations above 85,000 bytes, which land on the large-object heap. A 100,000-key listing walk
    /// left them there as ~24 MiB of free but never compacted large-object heap, part of the peak RSS of the mixed
    /// soak that followed (issue 14, docs/benchmarks.md).
    /// </summary>
    public static async Task XmlAsync(S3RequestContext ctx, StringBuilder xml, int status = 200)
    {
        using var body = new PooledUtf8();
        body.Append(XmlDeclaration);
        foreach (var chunk in xml.GetChunks()) body.Append(chunk.Span);
        body.Complete();
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/xml";
        ctx.Response.ContentLength = body.Length;
        if (Microsoft.AspNetCore.Http.HttpMethods.IsHead(ctx.Request.Method)) return;
        foreach (var segment in body.Segments) await ctx.Response.Body.WriteAsync(segment, ctx.Http.RequestAborted);
    }

    /// <summary>A complete XML document (declaration included).</summary>
    public static async Task XmlBodyAsync(S3RequestContext ctx, string document, int status = 200)
    {
        var body = Encoding.UTF8.GetBytes(document);
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/xml";
        ctx.Response.ContentLength = body.Length;
        if (!Microsoft.AspNetCore.Http.HttpMethods.IsHead(ctx.Request.Method))
            await ctx.Response.Body.WriteAsync(body, ctx.Http.RequestAborted);
    }

    public static Task EmptyAsync(S3RequestContext ctx, int status = 200)
    {
        ctx.Response.StatusCode = status;
        if (status != 204 && status != 304) ctx.Response.ContentLength = 0;
        return Task.CompletedTask;
    }
}
