using System.Text;

namespace FakeS3.Http.Objects;

/// <summary>Get/Put/DeleteObjectTagging (versionId "null" only: buckets are unversioned).</summary>
internal sealed class TaggingEndpoint : IS3Endpoint
{
    public IEnumerable<(S3Operation, Func<S3RequestContext, Task>)> Operations =>
        [(S3Operation.GetObjectTagging, Get), (S3Operation.PutObjectTagging, Put), (S3Operation.DeleteObjectTagging, Delete)];

    static Task Get(S3RequestContext ctx)
    {
        var obj = ctx.RequireObject();
        VersionIds.RequireNullOrAbsent(ctx);
        return S3Responses.XmlAsync(ctx, $"<Tagging xmlns=\"{S3Responses.Namespace}\">{TagSet.ToXml(obj.Tags)}</Tagging>");
    }

    static async Task Put(S3RequestContext ctx)
    {
        var obj = ctx.RequireObject();
        VersionIds.RequireNullOrAbsent(ctx);
        var body = await RequestBodies.ReadSmallAsync(ctx, 64 * 1024);
        obj.Tags = TagSet.ParseXml(XmlBody.Text(body));
        S3RequestContext.ThrowFor(ctx.Store.UpdateMetadata(obj), ctx.Bucket, ctx.Key);
        await S3Responses.EmptyAsync(ctx);
    }

    static Task Delete(S3RequestContext ctx)
    {
        var obj = ctx.RequireObject();
        VersionIds.RequireNullOrAbsent(ctx);
        obj.Tags = new(StringComparer.Ordinal);
        S3RequestContext.ThrowFor(ctx.Store.UpdateMetadata(obj), ctx.Bucket, ctx.Key);
        return S3Responses.EmptyAsync(ctx, 204);
    }
}
