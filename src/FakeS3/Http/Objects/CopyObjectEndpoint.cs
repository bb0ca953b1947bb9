using System.Security.Cryptography;
using FakeS3.Errors;
using FakeS3.Storage;

namespace FakeS3.Http.Objects;

/// <summary>CopyObject: x-amz-copy-source, copy preconditions, metadata and tagging directives; bytes streamed.</summary>
internal sealed class CopyObjectEndpoint : IS3Endpoint
{
    public IEnumerable<(S3Operation, Func<S3RequestContext, Task>)> Operations => [(S3Operation.CopyObject, HandleAsync)];

    static async Task HandleAsync(S3RequestContext ctx)
    {
        ctx.RequireBucket();
        ObjectRecord source, target;
        Stream? read;
        do
        {
            // A snapshot of the source version; when it was replaced after it was read, the current one is copied.
            source = CopySource.Resolve(ctx);
            Preconditions.Evaluate(ctx.Request.Headers, source, ctx.Now, "x-amz-copy-source-");
            var replaceMetadata = Directive(ctx, "x-amz-metadata-directive") == "REPLACE";
            var replaceTags = Directive(ctx, "x-amz-tagging-directive") == "REPLACE";
            target = replaceMetadata ? ObjectAttributes.FromHeaders(ctx) : CopyAttributes(ctx, source);
            if (!replaceTags) target.Tags = new Dictionary<string, string>(source.Tags, StringComparer.Ordinal);
            else if (!replaceMetadata) target.Tags = ObjectAttributes.FromHeaders(ctx).Tags;
            if (source.Bucket == ctx.Bucket && source.Key == ctx.Key && !replaceMetadata
                && ctx.Header("x-amz-storage-class") is null && ctx.Header("x-amz-website-redirect-location") is null)
                throw new S3Exception(S3Errors.CopyToItself());
        }
        while ((read = ctx.Store.OpenRead(source, 0, source.Size)) is null);
        using var blob = ctx.Store.OpenBlobWriter();
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        await using (read)
        {
            var buffer = new byte[64 * 1024];
            int n;
            while ((n = await read.ReadAsync(buffer, ctx.Http.RequestAborted)) > 0)
            {
                md5.AppendData(buffer, 0, n);
                await blob.WriteAsync(buffer.AsMemory(0, n), ctx.Http.RequestAborted);
            }
        }
        target.Size = source.Size;
        target.ETag = "\"" + Convert.ToHexStringLower(md5.GetHashAndReset()) + "\"";
        // A copy of a whole-object checksum keeps it; a multipart (composite) checksum does not carry over.
        var keepChecksum = source.PartsCount is null;
        target.ChecksumAlgorithm = keepChecksum ? source.ChecksumAlgorithm : null;
        target.ChecksumValue = keepChecksum ? source.ChecksumValue : null;
        target.ChecksumType = keepChecksum ? source.ChecksumType : null;
        target.LastModified = ctx.Now.UtcDateTime;
        S3RequestContext.ThrowFor(await ctx.Store.CommitAsync(target, blob), ctx.Bucket, ctx.Key);

        ctx.Response.Headers["x-amz-server-side-encryption"] = "AES256";
        await S3Responses.XmlAsync(ctx,
            $"<CopyObjectResult xmlns=\"{S3Responses.Namespace}\"><LastModified>{Formats.Iso8601(target.LastModified)}</LastModified><ETag>{Xml.Escape(target.ETag)}</ETag></CopyObjectResult>");
    }

    static string Directive(S3RequestContext ctx, string header)
    {
        var v = ctx.Header(header) ?? "COPY";
        if (v is not ("COPY" or "REPLACE"))
            throw new S3Exception(S3Errors.InvalidArgument($"Unknown {(header.Contains("tagging") ? "tagging" : "metadata")} directive.", header, v));
        return v;
    }

    static ObjectRecord CopyAttributes(S3RequestContext ctx, ObjectRecord source)
    {
        var record = ObjectAttributes.CopyContentAttributes(source, ctx.Bucket, ctx.Key);
        record.StorageClass = ObjectAttributes.StorageClass(ctx.Header("x-amz-storage-class"));
        record.WebsiteRedirectLocation = ctx.Header("x-amz-website-redirect-location");
        record.Acl = CannedAcl.FromHeader(ctx.Header("x-amz-acl"));
        return record;
    }
}
