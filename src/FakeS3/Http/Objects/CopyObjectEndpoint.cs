using System.Security.Cryptography;
using FakeS3.Checksums;
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
        ChecksumAlgorithm algorithm;
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
            algorithm = CopyChecksumAlgorithm(ctx, source);
        }
        while ((read = ctx.Store.OpenRead(source, 0, source.Size)) is null);
        var checksum = ChecksumCalculator.Create(algorithm);
        using var checksumScope = checksum as IDisposable;
        using var blob = ctx.Store.OpenBlobWriter(source.Size);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        await using (read)
        {
            var buffer = new byte[64 * 1024];
            int n;
            while ((n = await read.ReadAsync(buffer, ctx.Http.RequestAborted)) > 0)
            {
                md5.AppendData(buffer, 0, n);
                checksum.Append(buffer.AsSpan(0, n));
                await blob.WriteAsync(buffer.AsMemory(0, n), ctx.Http.RequestAborted);
            }
        }
        target.Size = source.Size;
        target.ETag = "\"" + Convert.ToHexStringLower(md5.GetHashAndReset()) + "\"";
        target.ChecksumAlgorithm = algorithm.UpperName();
        target.ChecksumValue = checksum.ToBase64();
        target.ChecksumType = "FULL_OBJECT";
        target.LastModified = ctx.Now.UtcDateTime;
        S3RequestContext.ThrowFor(await ctx.Store.CommitAsync(target, blob), ctx.Bucket, ctx.Key);

        ctx.Response.Headers["x-amz-server-side-encryption"] = "AES256";
        await S3Responses.XmlAsync(ctx,
            $"<CopyObjectResult xmlns=\"{S3Responses.Namespace}\"><LastModified>{Formats.Iso8601(target.LastModified)}</LastModified><ETag>{Xml.Escape(target.ETag)}</ETag><ChecksumType>FULL_OBJECT</ChecksumType><Checksum{target.ChecksumAlgorithm}>{target.ChecksumValue}</Checksum{target.ChecksumAlgorithm}></CopyObjectResult>");
    }

    /// <summary>
    /// A copy's checksum is computed over the copied bytes as a FULL_OBJECT checksum: with the copy's
    /// x-amz-checksum-algorithm, else the source's algorithm (a multipart COMPOSITE "…-N" cannot describe a one-part
    /// copy), else S3's default CRC64NVME [DOC "Checking object integrity": copies recompute, S3 adds CRC64NVME to
    /// objects that have none]. Keeping a COMPOSITE source's algorithm rather than CRC64NVME is UNCONFIRMED
    /// (docs/decisions.md).
    /// </summary>
    static ChecksumAlgorithm CopyChecksumAlgorithm(S3RequestContext ctx, ObjectRecord source)
    {
        if (ctx.Header("x-amz-checksum-algorithm") is { } requested)
            return ChecksumAlgorithms.TryParse(requested, out var a) ? a : throw new S3Exception(S3Errors.ChecksumAlgorithmUnsupported());
        return ChecksumAlgorithms.TryParse(source.ChecksumAlgorithm, out var kept) ? kept : ChecksumAlgorithm.Crc64Nvme;
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
