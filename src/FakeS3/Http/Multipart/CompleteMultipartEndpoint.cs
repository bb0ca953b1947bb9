using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FakeS3.Checksums;
using FakeS3.Errors;
using FakeS3.Http.Objects;
using FakeS3.Storage;

namespace FakeS3.Http.Multipart;

/// <summary>
/// CompleteMultipartUpload: parts ascending, present with matching ETags (and matching checksums when given), all but
/// the last ≥ 5 MiB; ETag "md5-N"; the object's checksum COMPOSITE "…-N" or FULL_OBJECT (see MultipartChecksumRules).
/// </summary>
internal static class CompleteMultipartEndpoint
{
    const long MinPartSize = 5L * 1024 * 1024;

    sealed record RequestedPart(int Number, string ETag, ChecksumAlgorithm? ChecksumAlgorithm, string? Checksum);

    public static async Task HandleAsync(S3RequestContext ctx)
    {
        ctx.RequireBucket();
        var id = ctx.Query["uploadId"] ?? "";
        var upload = ctx.Services.Multipart.Get(ctx.Bucket, ctx.Key, id);
        if (upload is null)
        {
            // A retry after a lost answer: S3 answers the completed upload again, same ETag [2ND S3Mock
            // S3VerifiedSuccess "completeMultipartUpload is idempotent"]. Once the key holds another object: NoSuchUpload.
            var existing = ctx.Store.GetObject(ctx.Bucket, ctx.Key);
            if (existing is null || existing.UploadId != id || id.Length == 0) throw new S3Exception(S3Errors.NoSuchUpload(id));
            await RequestBodies.ReadSmallAsync(ctx, 4 * 1024 * 1024, checksumHeadersDescribeBody: false);
            await WriteResultAsync(ctx, existing);
            return;
        }
        var condition = ConditionalWrite.FromHeaders(ctx);
        var requested = Parse(await RequestBodies.ReadSmallAsync(ctx, 4 * 1024 * 1024, checksumHeadersDescribeBody: false));
        var algorithm = MultipartChecksumRules.AlgorithmOf(upload);
        var type = MultipartChecksumRules.TypeOf(upload);
        if (ctx.Header("x-amz-checksum-type") is { } askedType && type is not null && !askedType.Equals(type, StringComparison.OrdinalIgnoreCase))
            throw new S3Exception(S3Errors.CompleteChecksumTypeMismatch(type));

        // Conditional writes apply to CompleteMultipartUpload as to PutObject [DOC conditional-requests].
        // The parts are validated again when an UploadPart committed between the listing and the commit (a retried
        // part, a new part number): the store refuses a listing that is no longer current (PartsChanged).
        ObjectRecord obj;
        StoreStatus status;
        var attempts = 0;
        do
        {
            (obj, var chosen) = Prepare(ctx, upload, requested, algorithm, type);
            status = ctx.Services.Multipart.Complete(upload, obj, chosen, condition);
        } while (status == StoreStatus.PartsChanged && ++attempts < MaxAttempts);
        if (status == StoreStatus.PartsChanged)
        {
            throw new S3Exception(S3Errors.InvalidPart(upload.Id, requested[0].Number, requested[0].ETag.Trim('"'))
                .WithExplanation($"The upload's parts kept changing while it was being completed ({MaxAttempts} attempts)."));
        }
        if (status == StoreStatus.PreconditionFailed) ConditionalWrite.ThrowFor(status, condition, ctx);
        S3RequestContext.ThrowFor(status, ctx.Bucket, ctx.Key, upload.Id);
        await WriteResultAsync(ctx, obj);
    }

    const int MaxAttempts = 100;

    /// <summary>Checks the requested parts against the stored ones; the record of the object they make.</summary>
    static (ObjectRecord Object, List<PartRecord> Chosen) Prepare(S3RequestContext ctx, MultipartUploadRecord upload,
        IReadOnlyList<RequestedPart> requested, ChecksumAlgorithm? algorithm, string? type)
    {
        var stored = ctx.Services.Multipart.ListParts(upload.Id).ToDictionary(p => p.PartNumber);
        var chosen = new List<PartRecord>();
        var previous = 0;
        foreach (var r in requested)
        {
            if (r.Number <= previous) throw new S3Exception(S3Errors.InvalidPartOrder());
            previous = r.Number;
            if (!stored.TryGetValue(r.Number, out var part) || part.ETag.Trim('"') != r.ETag.Trim('"'))
            {
                throw new S3Exception(S3Errors.InvalidPart(upload.Id, r.Number, r.ETag.Trim('"'))
                    .WithExplanation(part is null ? $"Part {r.Number} was never uploaded." : $"Part {r.Number} has ETag {part.ETag}, the request names \"{r.ETag.Trim('"')}\"."));
            }
            CheckPartChecksum(upload, part, r, algorithm, type);
            chosen.Add(part);
        }
        for (var i = 0; i < chosen.Count - 1; i++)
        {
            if (chosen[i].Size < MinPartSize)
            {
                throw new S3Exception(S3Errors.EntityTooSmallPart().WithExplanation(
                    $"Part {chosen[i].PartNumber} is {chosen[i].Size} bytes; every part but the last must be at least {MinPartSize} bytes (5 MiB)."));
            }
        }
        var checksum = MultipartChecksumRules.ForObject(upload, chosen);
        CheckObjectChecksum(ctx, checksum, chosen.Count);

        var md5s = new List<byte>();
        foreach (var p in chosen) md5s.AddRange(Convert.FromHexString(p.ETag.Trim('"')));
        var t = upload.Template;
        var obj = ObjectAttributes.CopyContentAttributes(t, ctx.Bucket, ctx.Key);
        obj.WebsiteRedirectLocation = t.WebsiteRedirectLocation;
        obj.StorageClass = t.StorageClass;
        obj.Tags = t.Tags;
        obj.Acl = t.Acl;
        obj.Size = chosen.Sum(p => p.Size);
        // S3's multipart ETag: MD5 of the concatenated binary part MD5s, then "-<part count>".
        obj.ETag = $"\"{Convert.ToHexStringLower(MD5.HashData(md5s.ToArray()))}-{chosen.Count}\"";
        obj.LastModified = ctx.Now.UtcDateTime;
        obj.PartsCount = chosen.Count;
        obj.UploadId = upload.Id;
        if (checksum is { } c)
        {
            obj.ChecksumAlgorithm = c.Algorithm.UpperName();
            obj.ChecksumValue = c.Value;
            obj.ChecksumType = c.Type;
        }
        return (obj, chosen);
    }

    static Task WriteResultAsync(S3RequestContext ctx, ObjectRecord obj)
    {
        var location = $"{ctx.Request.Scheme}://{ctx.Request.Host}/{(ctx.Target.VirtualHosted ? "" : ctx.Bucket + "/")}{Uri.EscapeDataString(ctx.Key).Replace("%2F", "/")}";
        ctx.Response.Headers["x-amz-server-side-encryption"] = "AES256";
        var sb = new StringBuilder($"<CompleteMultipartUploadResult xmlns=\"{S3Responses.Namespace}\">");
        sb.Append("<Location>").Append(Xml.Escape(location)).Append("</Location><Bucket>").Append(Xml.Escape(ctx.Bucket))
          .Append("</Bucket><Key>").Append(Xml.Escape(ctx.Key)).Append("</Key><ETag>").Append(Xml.Escape(obj.ETag)).Append("</ETag>");
        if (obj.ChecksumAlgorithm is { } algorithm && obj.ChecksumValue is { } value)
        {
            sb.Append("<Checksum").Append(algorithm).Append('>').Append(value).Append("</Checksum").Append(algorithm).Append('>')
              .Append("<ChecksumType>").Append(obj.ChecksumType).Append("</ChecksumType>");
        }
        return S3Responses.XmlAsync(ctx, sb.Append("</CompleteMultipartUploadResult>").ToString());
    }

    /// <summary>
    /// A part checksum in the request must equal the stored one (else InvalidPart [2ND Swift]); a COMPOSITE upload
    /// needs one for every part [2ND Swift][2ND S3Mock]. For FULL_OBJECT uploads a missing part checksum is
    /// accepted [UNCONFIRMED].
    /// </summary>
    static void CheckPartChecksum(MultipartUploadRecord upload, PartRecord part, RequestedPart r, ChecksumAlgorithm? algorithm, string? type)
    {
        if (r.Checksum is null)
        {
            if (algorithm is { } a && type == MultipartChecksum.Composite)
                throw new S3Exception(S3Errors.CompleteMissingPartChecksum(a.LowerName(), r.Number));
            return;
        }
        var storedValue = r.ChecksumAlgorithm!.Value.UpperName() == part.ChecksumAlgorithm ? part.ChecksumValue
            : r.ChecksumAlgorithm == ChecksumAlgorithm.Crc64Nvme ? part.Crc64Nvme : null;
        if (storedValue == r.Checksum) return;
        throw new S3Exception(S3Errors.InvalidPart(upload.Id, r.Number, r.ETag.Trim('"')).WithExplanation(storedValue is null
            ? $"Part {r.Number} was uploaded with {part.ChecksumAlgorithm ?? "no"} checksum; the request gives Checksum{r.ChecksumAlgorithm.Value.UpperName()}."
            : $"Part {r.Number} has Checksum{r.ChecksumAlgorithm.Value.UpperName()} {storedValue}; the request gives {r.Checksum}."));
    }

    /// <summary>
    /// x-amz-checksum-&lt;alg&gt; on the Complete request is the expected object checksum: "value" or, for COMPOSITE,
    /// "value-N" with N the part count [2ND Swift against AWS].
    /// </summary>
    static void CheckObjectChecksum(S3RequestContext ctx, (ChecksumAlgorithm Algorithm, string Value, string Type)? checksum, int partCount)
    {
        foreach (var algorithm in ChecksumAlgorithms.All)
        {
            if (ctx.Header(algorithm.HeaderName()) is not { } given) continue;
            var dash = given.IndexOf('-', StringComparison.Ordinal);
            var value = dash < 0 ? given : given[..dash];
            var countOk = true;
            if (dash >= 0)
            {
                if (!int.TryParse(given[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                    throw new S3Exception(S3Errors.ChecksumHeaderInvalid(algorithm.LowerName()));
                countOk = count == partCount;
            }
            if (!algorithm.IsValidValue(value)) throw new S3Exception(S3Errors.ChecksumHeaderInvalid(algorithm.LowerName()));
            var computed = checksum is { } c && c.Algorithm == algorithm ? c.Value.Split('-')[0] : null;
            if (computed != value || !countOk)
            {
                throw new S3Exception(S3Errors.ObjectChecksumMismatch(algorithm.LowerName()).WithExplanation(
                    $"{algorithm.HeaderName()} is {given}; the object's {algorithm.UpperName()} is {(checksum is { } k && k.Algorithm == algorithm ? k.Value : "not computed (the upload uses " + (checksum?.Algorithm.UpperName() ?? "no checksum") + ")")}."));
            }
        }
    }

    static List<RequestedPart> Parse(byte[] body)
    {
        var parts = new List<RequestedPart>();
        foreach (var p in XmlBody.Root(body, "CompleteMultipartUpload").Children("Part"))
        {
            var etag = p.ChildValue("ETag");
            if (!int.TryParse(p.ChildValue("PartNumber"), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || etag is null)
                throw new S3Exception(S3Errors.MalformedXml());
            ChecksumAlgorithm? algorithm = null;
            string? checksum = null;
            var argument = new StringBuilder();
            var valid = true;
            foreach (var a in ChecksumAlgorithms.All)
            {
                if (p.ChildValue("Checksum" + a.UpperName()) is not { } v) continue;
                argument.Append(a.UpperName()).Append(':').Append(v).Append(';');
                valid &= algorithm is null && a.IsValidValue(v);
                (algorithm, checksum) = (a, v);
            }
            if (!valid) throw new S3Exception(S3Errors.CompletePartChecksumInvalid(argument.ToString()));
            parts.Add(new RequestedPart(number, etag, algorithm, checksum));
        }
        if (parts.Count == 0) throw new S3Exception(S3Errors.MalformedXml());
        return parts;
    }
}
