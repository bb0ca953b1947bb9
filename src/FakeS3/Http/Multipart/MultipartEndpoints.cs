using System.Globalization;
using System.Text;
using FakeS3.Checksums;
using FakeS3.Errors;
using FakeS3.Http.Buckets;
using FakeS3.Http.Objects;
using FakeS3.Storage;

namespace FakeS3.Http.Multipart;

/// <summary>Create/UploadPart/Complete/Abort/ListParts/ListMultipartUploads (the CLI and SDK transfer utilities use them).</summary>
internal sealed class MultipartEndpoints : IS3Endpoint
{
    public IEnumerable<(S3Operation, Func<S3RequestContext, Task>)> Operations =>
    [
        (S3Operation.CreateMultipartUpload, Create),
        (S3Operation.UploadPart, UploadPart),
        (S3Operation.CompleteMultipartUpload, CompleteMultipartEndpoint.HandleAsync),
        (S3Operation.AbortMultipartUpload, Abort),
        (S3Operation.ListParts, ListParts),
        (S3Operation.ListMultipartUploads, ListUploads),
    ];

    static Task Create(S3RequestContext ctx)
    {
        ctx.RequireBucket();
        var template = ObjectAttributes.FromHeaders(ctx);
        var (algorithm, type) = MultipartChecksumRules.FromCreate(ctx);
        template.ChecksumAlgorithm = algorithm?.UpperName();
        template.ChecksumType = type;
        var upload = ctx.Services.Multipart.Create(template, ctx.Now.UtcDateTime);
        if (algorithm is not null)
        {
            ctx.Response.Headers["x-amz-checksum-algorithm"] = template.ChecksumAlgorithm;
            ctx.Response.Headers["x-amz-checksum-type"] = type;
        }
        return S3Responses.XmlAsync(ctx,
            $"<InitiateMultipartUploadResult xmlns=\"{S3Responses.Namespace}\"><Bucket>{Xml.Escape(ctx.Bucket)}</Bucket><Key>{Xml.Escape(ctx.Key)}</Key><UploadId>{upload.Id}</UploadId></InitiateMultipartUploadResult>");
    }

    internal static int RequirePartNumber(S3RequestContext ctx)
    {
        var pn = ctx.Query["partNumber"] ?? "";
        if (!int.TryParse(pn, NumberStyles.None, CultureInfo.InvariantCulture, out var partNumber) || partNumber is < 1 or > 10000)
            throw new S3Exception(S3Errors.InvalidPartNumber(pn));
        return partNumber;
    }

    internal static MultipartUploadRecord RequireUpload(S3RequestContext ctx)
    {
        ctx.RequireBucket();
        var id = ctx.Query["uploadId"] ?? "";
        return ctx.Services.Multipart.Get(ctx.Bucket, ctx.Key, id) ?? throw new S3Exception(S3Errors.NoSuchUpload(id));
    }

    static async Task UploadPart(S3RequestContext ctx)
    {
        var partNumber = RequirePartNumber(ctx);
        var upload = RequireUpload(ctx);
        var (blob, digest) = await PayloadReceiver.ReceiveAsync(ctx, isUploadPart: true,
            alsoCompute: MultipartChecksumRules.AlgorithmOf(upload) is null ? ChecksumAlgorithm.Crc64Nvme : null,
            beforeBody: payload => MultipartChecksumRules.CheckPart(upload, payload));
        var part = new PartRecord
        {
            UploadId = upload.Id, PartNumber = partNumber, ETag = "\"" + digest.Md5Hex + "\"", LastModified = ctx.Now.UtcDateTime,
        };
        MultipartChecksumRules.Apply(part, digest, upload);
        using (blob)
        {
            S3RequestContext.ThrowFor(ctx.Services.Multipart.CommitPart(part, blob), ctx.Bucket, ctx.Key, upload.Id);
        }
        ctx.Response.Headers.ETag = part.ETag;
        ctx.Response.Headers["x-amz-server-side-encryption"] = "AES256";
        if (digest.ChecksumSupplied) ctx.Response.Headers[digest.ChecksumHeaderName] = digest.ChecksumBase64;
        await S3Responses.EmptyAsync(ctx);
    }

    static Task Abort(S3RequestContext ctx)
    {
        var upload = RequireUpload(ctx);
        S3RequestContext.ThrowFor(ctx.Services.Multipart.Abort(upload.Id), ctx.Bucket, ctx.Key, upload.Id);
        return S3Responses.EmptyAsync(ctx, 204);
    }

    static Task ListParts(S3RequestContext ctx)
    {
        var upload = RequireUpload(ctx);
        var marker = int.TryParse(ctx.Query["part-number-marker"], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : 0;
        var max = MultipartListLimit.Read(ctx, "max-parts");
        var parts = ctx.Services.Multipart.ListParts(upload.Id, marker, max + 1);
        var page = parts.Take(max).ToList();
        var truncated = parts.Count > page.Count;
        var sb = new StringBuilder($"<ListPartsResult xmlns=\"{S3Responses.Namespace}\">");
        sb.Append("<Bucket>").Append(Xml.Escape(ctx.Bucket)).Append("</Bucket><Key>").Append(Xml.Escape(ctx.Key))
          .Append("</Key><UploadId>").Append(upload.Id).Append("</UploadId>")
          .Append(CultureInfo.InvariantCulture, $"<PartNumberMarker>{marker}</PartNumberMarker>");
        if (page.Count > 0) sb.Append(CultureInfo.InvariantCulture, $"<NextPartNumberMarker>{page[^1].PartNumber}</NextPartNumberMarker>");
        sb.Append(CultureInfo.InvariantCulture, $"<MaxParts>{max}</MaxParts><IsTruncated>{(truncated ? "true" : "false")}</IsTruncated>");
        foreach (var p in page)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<Part><PartNumber>{p.PartNumber}</PartNumber><LastModified>{Formats.Iso8601(p.LastModified)}</LastModified><ETag>{Xml.Escape(p.ETag)}</ETag><Size>{p.Size}</Size>");
            // Part checksums are listed for uploads created with an algorithm [DOC ListParts].
            if (upload.Template.ChecksumAlgorithm is { } algorithm && p.ChecksumAlgorithm == algorithm)
                sb.Append("<Checksum").Append(algorithm).Append('>').Append(p.ChecksumValue).Append("</Checksum").Append(algorithm).Append('>');
            sb.Append("</Part>");
        }
        sb.Append(OwnerXml("Initiator")).Append(OwnerXml("Owner")).Append("<StorageClass>").Append(upload.Template.StorageClass).Append("</StorageClass>");
        if (upload.Template.ChecksumAlgorithm is { } uploadAlgorithm)
        {
            sb.Append("<ChecksumAlgorithm>").Append(uploadAlgorithm).Append("</ChecksumAlgorithm><ChecksumType>")
              .Append(MultipartChecksumRules.TypeOf(upload)).Append("</ChecksumType>");
        }
        sb.Append("</ListPartsResult>");
        return S3Responses.XmlAsync(ctx, sb);
    }

    static Task ListUploads(S3RequestContext ctx)
    {
        ctx.RequireBucket();
        var prefix = ctx.Query["prefix"] ?? "";
        var delimiter = ctx.Query["delimiter"];
        var keyMarker = ctx.Query["key-marker"] ?? "";
        var uploadIdMarker = ctx.Query["upload-id-marker"] ?? "";
        var max = MultipartListLimit.Read(ctx, "max-uploads");
        var url = ListObjectsEndpoint.UrlEncodingRequested(ctx);
        var page = ctx.Services.Multipart.List(ctx.Bucket, prefix, string.IsNullOrEmpty(delimiter) ? null : delimiter,
            keyMarker == "" ? null : keyMarker, uploadIdMarker == "" ? null : uploadIdMarker, max);
        // Element order and the url-encoded elements (keys, prefixes, delimiter, markers) as in S3's API reference.
        var sb = new StringBuilder($"<ListMultipartUploadsResult xmlns=\"{S3Responses.Namespace}\">");
        ListObjectsEndpoint.El(sb, "Bucket", ctx.Bucket, false);
        ListObjectsEndpoint.El(sb, "KeyMarker", keyMarker, url);
        ListObjectsEndpoint.El(sb, "UploadIdMarker", uploadIdMarker, false);
        if (page.IsTruncated)
        {
            ListObjectsEndpoint.El(sb, "NextKeyMarker", page.LastReturned!, url);
            ListObjectsEndpoint.El(sb, "NextUploadIdMarker", page.LastUpload?.Id ?? "", false);
        }
        ListObjectsEndpoint.El(sb, "Prefix", prefix, url);
        if (!string.IsNullOrEmpty(delimiter)) ListObjectsEndpoint.El(sb, "Delimiter", delimiter, url);
        sb.Append(CultureInfo.InvariantCulture, $"<MaxUploads>{max}</MaxUploads><IsTruncated>").Append(page.IsTruncated ? "true" : "false").Append("</IsTruncated>");
        foreach (var u in page.Uploads)
        {
            sb.Append("<Upload>");
            ListObjectsEndpoint.El(sb, "Key", u.Key, url);
            sb.Append("<UploadId>").Append(u.Id).Append("</UploadId>")
              .Append(OwnerXml("Initiator")).Append(OwnerXml("Owner")).Append("<StorageClass>").Append(u.StorageClass)
              .Append("</StorageClass><Initiated>").Append(Formats.Iso8601(u.Initiated)).Append("</Initiated></Upload>");
        }
        ListObjectsEndpoint.CommonPrefixes(sb, page.CommonPrefixes, url);
        if (url) ListObjectsEndpoint.El(sb, "EncodingType", "url", false);
        sb.Append("</ListMultipartUploadsResult>");
        return S3Responses.XmlAsync(ctx, sb);
    }

    static string OwnerXml(string element) => $"<{element}><ID>{Owner.Id}</ID><DisplayName>{Owner.DisplayName}</DisplayName></{element}>";
}
