using FakeS3.Storage;

namespace FakeS3.Http.Objects;

/// <summary>PutObject: attributes from headers, body verified while it streams into a blob, then one commit.</summary>
internal sealed class PutObjectEndpoint : IS3Endpoint
{
    public IEnumerable<(S3Operation, Func<S3RequestContext, Task>)> Operations => [(S3Operation.PutObject, HandleAsync)];

    static async Task HandleAsync(S3RequestContext ctx)
    {
        ctx.RequireBucket();
        var record = ObjectAttributes.FromHeaders(ctx);
        var condition = ConditionalWrite.FromHeaders(ctx);
        var (blob, digest) = await PayloadReceiver.ReceiveAsync(ctx, isUploadPart: false);
        using (blob)
        {
            PayloadReceiver.ApplyDigest(record, digest);
            record.LastModified = ctx.Now.UtcDateTime;
            ConditionalWrite.ThrowFor(await ctx.Store.CommitAsync(record, blob, condition), condition, ctx);
        }
        ctx.Response.Headers.ETag = record.ETag;
        ctx.Response.Headers["x-amz-server-side-encryption"] = "AES256";
        PayloadReceiver.WriteChecksumHeaders(ctx, record);
        await S3Responses.EmptyAsync(ctx);
    }
}
