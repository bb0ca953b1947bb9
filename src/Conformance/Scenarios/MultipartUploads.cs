using System.Text;
using Amazon.S3;
using Amazon.S3.Model;

namespace FakeS3.Conformance.Scenarios;

/// <summary>
/// Multipart checksums and the multipart details real suites rely on (issue 12 items 10, 11), through AWSSDK.S3.
/// One small part is enough: the last part has no minimum size.
/// </summary>
public static class MultipartUploads
{
    const string Area = "MultipartUploads";
    static readonly byte[] PartBody = Encoding.UTF8.GetBytes("multipart conformance part");

    static Scenario S(string name, string evidence, Expected expected, Func<ScenarioContext, Task<Observation>> run) => new(name, Area, evidence, expected, run);

    static async Task<Observation> SdkAsync(Func<Task<Observation>> call)
    {
        try { return await call(); }
        catch (AmazonS3Exception e) { return Observation.FromSdk(e); }
    }

    /// <summary>Creates an upload (optionally with an algorithm and type) and uploads <see cref="PartBody"/> as part 1.</summary>
    static async Task<(string Key, string UploadId, UploadPartResponse Part)> OnePartAsync(ScenarioContext ctx, string? algorithm, string? type)
    {
        var key = ctx.NewKey("mpu.bin");
        var create = new InitiateMultipartUploadRequest { BucketName = ctx.Bucket, Key = key };
        if (algorithm is not null) create.ChecksumAlgorithm = new ChecksumAlgorithm(algorithm);
        if (type is not null) create.ChecksumType = new ChecksumType(type);
        var upload = await ctx.S3.InitiateMultipartUploadAsync(create, ctx.CancellationToken);
        var part = new UploadPartRequest { BucketName = ctx.Bucket, Key = key, UploadId = upload.UploadId, PartNumber = 1, InputStream = new MemoryStream(PartBody) };
        if (algorithm is not null) part.ChecksumAlgorithm = new ChecksumAlgorithm(algorithm);
        return (key, upload.UploadId, await ctx.S3.UploadPartAsync(part, ctx.CancellationToken));
    }

    static Task<CompleteMultipartUploadResponse> CompleteAsync(ScenarioContext ctx, string key, string uploadId, PartETag part) =>
        ctx.S3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = ctx.Bucket, Key = key, UploadId = uploadId, PartETags = [part] }, ctx.CancellationToken);

    public static IEnumerable<Scenario> All()
    {
        yield return S("gives a one-part CRC32 upload the COMPOSITE checksum crc32(part crc32)-1", "[2ND]",
            Expect.Status(200), ctx => SdkAsync(async () =>
            {
                var (key, id, part) = await OnePartAsync(ctx, "CRC32", null);
                var done = await CompleteAsync(ctx, key, id, new PartETag { PartNumber = 1, ETag = part.ETag, ChecksumCRC32 = part.ChecksumCRC32 });
                var partCrc = Convert.FromBase64String(part.ChecksumCRC32);
                var expected = Convert.ToBase64String(BitConverter.GetBytes(System.IO.Hashing.Crc32.HashToUInt32(partCrc)).Reverse().ToArray()) + "-1";
                var o = Observation.Ok(done.HttpStatusCode);
                o.Check(done.ChecksumType?.Value == "COMPOSITE", $"ChecksumType {done.ChecksumType?.Value}");
                return o.Check(done.ChecksumCRC32 == expected, $"ChecksumCRC32 {done.ChecksumCRC32}, expected {expected}");
            }));

        yield return S("refuses CompleteMultipartUpload of a COMPOSITE upload when a part checksum is missing", "[2ND]",
            Expect.Error(400, "InvalidRequest", "The upload was created using a crc32 checksum. The complete request must include the checksum for each part. It was missing for part 1 in the request."),
            ctx => SdkAsync(async () =>
            {
                var (key, id, part) = await OnePartAsync(ctx, "CRC32", null);
                var done = await CompleteAsync(ctx, key, id, new PartETag(1, part.ETag));
                return Observation.Ok(done.HttpStatusCode);
            }));

        yield return S("completes a FULL_OBJECT CRC32 upload whose Complete names no part checksum, with the object's CRC32", "[UNCONFIRMED]",
            Expect.Status(200), ctx => SdkAsync(async () =>
            {
                var (key, id, part) = await OnePartAsync(ctx, "CRC32", "FULL_OBJECT");
                var done = await CompleteAsync(ctx, key, id, new PartETag(1, part.ETag));
                var o = Observation.Ok(done.HttpStatusCode);
                o.Check(done.ChecksumType?.Value == "FULL_OBJECT", $"ChecksumType {done.ChecksumType?.Value}");
                return o.Check(done.ChecksumCRC32 == part.ChecksumCRC32, $"ChecksumCRC32 {done.ChecksumCRC32}, the part's {part.ChecksumCRC32}");
            }));

        yield return S("gives an upload created without an algorithm a FULL_OBJECT CRC64NVME checksum", "[DOC][UNCONFIRMED]",
            Expect.Status(200), ctx => SdkAsync(async () =>
            {
                var (key, id, part) = await OnePartAsync(ctx, null, null);
                var done = await CompleteAsync(ctx, key, id, new PartETag(1, part.ETag));
                var head = await ctx.S3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = ctx.Bucket, Key = key, ChecksumMode = ChecksumMode.ENABLED }, ctx.CancellationToken);
                var o = Observation.Ok(done.HttpStatusCode);
                o.Check(head.ChecksumType?.Value == "FULL_OBJECT", $"ChecksumType {head.ChecksumType?.Value}");
                return o.Check(head.ChecksumCRC64NVME is { Length: 12 }, $"ChecksumCRC64NVME {head.ChecksumCRC64NVME}");
            }));

        yield return S("gives a copy of a COMPOSITE SHA256 multipart object a FULL_OBJECT SHA256 of its bytes", "[DOC][UNCONFIRMED]",
            Expect.Status(200), ctx => SdkAsync(async () =>
            {
                var (key, id, part) = await OnePartAsync(ctx, "SHA256", null);
                await CompleteAsync(ctx, key, id, new PartETag { PartNumber = 1, ETag = part.ETag, ChecksumSHA256 = part.ChecksumSHA256 });
                var copyKey = ctx.NewKey("mpu-copy.bin");
                var copy = await ctx.S3.CopyObjectAsync(new CopyObjectRequest { SourceBucket = ctx.Bucket, SourceKey = key, DestinationBucket = ctx.Bucket, DestinationKey = copyKey }, ctx.CancellationToken);
                var head = await ctx.S3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = ctx.Bucket, Key = copyKey, ChecksumMode = ChecksumMode.ENABLED }, ctx.CancellationToken);
                var sha256 = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(PartBody));
                var o = Observation.Ok(copy.HttpStatusCode);
                o.Check(head.ChecksumType?.Value == "FULL_OBJECT", $"ChecksumType {head.ChecksumType?.Value}");
                return o.Check(head.ChecksumSHA256 == sha256, $"ChecksumSHA256 {head.ChecksumSHA256} (CRC64NVME {head.ChecksumCRC64NVME}), SHA256 of the bytes {sha256}");
            }));

        yield return S("answers a repeated CompleteMultipartUpload with 200 and the same ETag", "[2ND]",
            Expect.Status(200), ctx => SdkAsync(async () =>
            {
                var (key, id, part) = await OnePartAsync(ctx, null, null);
                var first = await CompleteAsync(ctx, key, id, new PartETag(1, part.ETag));
                var again = await CompleteAsync(ctx, key, id, new PartETag(1, part.ETag));
                return Observation.Ok(again.HttpStatusCode).Check(again.ETag == first.ETag, $"ETag {again.ETag} vs {first.ETag}");
            }));

        yield return S("answers partNumber past the last part with 416 InvalidPartNumber", "[2ND]",
            Expect.Error(416, "InvalidPartNumber", "The requested partnumber is not satisfiable"), ctx => SdkAsync(async () =>
            {
                var (key, id, part) = await OnePartAsync(ctx, null, null);
                await CompleteAsync(ctx, key, id, new PartETag(1, part.ETag));
                var head = await ctx.S3.GetObjectAsync(new GetObjectRequest { BucketName = ctx.Bucket, Key = key, PartNumber = 2 }, ctx.CancellationToken);
                return Observation.Ok(head.HttpStatusCode);
            }));

        yield return S("deletes a bucket whose only content is an unfinished multipart upload", "[2ND]",
            Expect.Status(204), ctx => SdkAsync(async () =>
            {
                var bucket = await ctx.CreateBucketAsync("mpu-only");
                var upload = await ctx.S3.InitiateMultipartUploadAsync(bucket, "half", ctx.CancellationToken);
                await ctx.S3.UploadPartAsync(new UploadPartRequest { BucketName = bucket, Key = "half", UploadId = upload.UploadId, PartNumber = 1, InputStream = new MemoryStream(PartBody) }, ctx.CancellationToken);
                var deleted = await ctx.S3.DeleteBucketAsync(bucket, ctx.CancellationToken);
                return Observation.Ok(deleted.HttpStatusCode);
            }));
    }
}
