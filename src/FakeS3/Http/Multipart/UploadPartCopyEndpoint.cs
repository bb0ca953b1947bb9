using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FakeS3.Checksums;
using FakeS3.Errors;
using FakeS3.Http.Objects;
using FakeS3.Payload;
using FakeS3.Storage;

namespace FakeS3.Http.Multipart;

/// <summary>
/// UploadPartCopy: UploadPart with x-amz-copy-source (and optionally x-amz-copy-source-range) — the SDKs' managed
/// copy of large objects. The bytes stream from the source blob into the part's blob; the part's MD5 and checksum
/// are computed as for an uploaded part.
/// </summary>
internal sealed partial class UploadPartCopyEndpoint : IS3Endpoint
{
    public IEnumerable<(S3Operation, Func<S3RequestContext, Task>)> Operations => [(S3Operation.UploadPartCopy, HandleAsync)];

    static async Task HandleAsync(S3RequestContext ctx)
    {
        var partNumber = MultipartEndpoints.RequirePartNumber(ctx);
        var upload = MultipartEndpoints.RequireUpload(ctx);
        ObjectRecord source;
        long offset, length;
        Stream? read;
        do
        {
            // A snapshot of the source version; when it was replaced after it was read, the current one is copied.
            source = CopySource.Resolve(ctx);
            Preconditions.Evaluate(ctx.Request.Headers, source, ctx.Now, "x-amz-copy-source-");
            (offset, length) = SourceRange(ctx.Header("x-amz-copy-source-range"), source.Size);
        }
        while ((read = ctx.Store.OpenRead(source, offset, length)) is null);

        var algorithm = MultipartChecksumRules.AlgorithmOf(upload) ?? ChecksumAlgorithm.Crc64Nvme;
        using var blob = ctx.Store.OpenBlobWriter(length);
        PayloadDigest digest;
        await using (read)
        using (var digesting = new DigestingStream(read, sha256: false, ChecksumCalculator.Create(algorithm)))
        {
            await digesting.CopyToAsync(blob, 64 * 1024, ctx.Http.RequestAborted);
            digest = new PayloadDigest(digesting.BytesRead, digesting.Md5Hex(), algorithm, digesting.Checksum.ToBase64(), ChecksumSupplied: false);
        }
        var part = new PartRecord
        {
            UploadId = upload.Id, PartNumber = partNumber, ETag = digest.ETag, LastModified = ctx.Now.UtcDateTime,
        };
        MultipartChecksumRules.Apply(part, digest, upload);
        S3RequestContext.ThrowFor(ctx.Services.Multipart.CommitPart(part, blob), ctx.Bucket, ctx.Key, upload.Id);

        ctx.Response.Headers["x-amz-server-side-encryption"] = "AES256";
        var sb = new StringBuilder($"<CopyPartResult xmlns=\"{S3Responses.Namespace}\">");
        sb.Append("<LastModified>").Append(Formats.Iso8601(part.LastModified)).Append("</LastModified><ETag>").Append(Xml.Escape(part.ETag)).Append("</ETag>");
        if (upload.Template.ChecksumAlgorithm is { } named)
            sb.Append("<Checksum").Append(named).Append('>').Append(part.ChecksumValue).Append("</Checksum").Append(named).Append('>');
        await S3Responses.XmlAsync(ctx, sb.Append("</CopyPartResult>").ToString());
    }

    /// <summary>
    /// "bytes=first-last", both inclusive and inside the source [DOC UploadPartCopy]; texts [2ND: MinIO, s3rver
    /// and other emulators quoting S3]. No range copies the whole source.
    /// </summary>
    static (long Offset, long Length) SourceRange(string? header, long size)
    {
        if (header is null) return (0, size);
        var m = RangePattern().Match(header);
        if (!m.Success || !long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !long.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var last))
        {
            throw new S3Exception(S3Errors.InvalidArgument(
                "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy",
                "x-amz-copy-source-range", header));
        }
        if (first > last || last >= size)
        {
            throw new S3Exception(S3Errors.InvalidArgument(
                $"Range specified is not valid for source object of size: {size.ToString(CultureInfo.InvariantCulture)}", "x-amz-copy-source-range", header)
                .WithExplanation($"The range {first}-{last} must lie inside the source's {size} bytes (0-{size - 1})."));
        }
        return (first, last - first + 1);
    }

    [GeneratedRegex("^bytes=([0-9]+)-([0-9]+)$")]
    private static partial Regex RangePattern();
}
