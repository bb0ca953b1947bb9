using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Conformance.Signing;

namespace FakeS3.Conformance.Scenarios;

/// <summary>Basic object operations through AWSSDK.S3 with default settings, plus the GET details presigned clients rely on (spec §6).</summary>
public static class ObjectOperations
{
    const string Area = "ObjectOperations";

    static Scenario S(string name, string evidence, Expected expected, Func<ScenarioContext, Task<Observation>> run) => new(name, Area, evidence, expected, run);

    static async Task<Observation> SdkAsync(Func<Task<Observation>> call)
    {
        try { return await call(); }
        catch (AmazonS3Exception e) { return Observation.FromSdk(e); }
    }

    static async Task<Observation> GetWithHeaderAsync(ScenarioContext ctx, string name, Func<GetObjectMetadataResponse, string> value)
    {
        var key = await ctx.SharedObjectAsync();
        var head = await ctx.HeadAsync(key) ?? throw new InvalidOperationException("shared object missing");
        var request = new HttpRequestMessage(HttpMethod.Get, ctx.ObjectUri(key));
        request.Headers.TryAddWithoutValidation(name, value(head));
        return await ctx.SendSignedAsync(request, s => s with { PayloadHash = SigV4.EmptySha256 });
    }

    public static IEnumerable<Scenario> All()
    {
        yield return S("returns tags given with x-amz-tagging sorted by key", "[2ND][UNCONFIRMED]",
            Expect.Status(200), ctx => SdkAsync(async () =>
            {
                var key = ctx.NewKey("tagged.txt");
                await ctx.S3.PutObjectAsync(new PutObjectRequest { BucketName = ctx.Bucket, Key = key, ContentBody = "t", UseChunkEncoding = false,
                    Headers = { ["x-amz-tagging"] = "zeta=1&alpha=2&Mid=3" } }, ctx.CancellationToken);
                var tags = await ctx.S3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = ctx.Bucket, Key = key }, ctx.CancellationToken);
                var keys = string.Join(",", tags.Tagging.Select(t => t.Key));
                return Observation.Ok(tags.HttpStatusCode).Check(keys == "Mid,alpha,zeta", $"tag order {keys}");
            }));

        yield return S("puts, heads, gets, lists and deletes an object with metadata through AWSSDK.S3", "[DOC]",
            Expect.Status(204).Stored("metadata round-trips; the key is listed, then gone"), ctx => SdkAsync(async () =>
            {
                var key = ctx.NewKey("crud.txt");
                var put = new PutObjectRequest { BucketName = ctx.Bucket, Key = key, ContentBody = "crud body", ContentType = "text/plain" };
                put.Metadata["Color"] = "blue";
                await ctx.S3.PutObjectAsync(put, ctx.CancellationToken);
                var head = await ctx.S3.GetObjectMetadataAsync(ctx.Bucket, key, ctx.CancellationToken);
                var list = await ctx.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = ctx.Bucket, Prefix = key }, ctx.CancellationToken);
                var body = await ctx.GetTextAsync(key);
                var delete = await ctx.S3.DeleteObjectAsync(ctx.Bucket, key, ctx.CancellationToken);
                var o = Observation.Ok(delete.HttpStatusCode);
                o.Check(head.Metadata["x-amz-meta-color"] == "blue", "metadata color not returned lower-cased");
                o.Check(head.Headers.ContentType == "text/plain", $"Content-Type {head.Headers.ContentType}");
                o.Check(list.S3Objects?.Any(x => x.Key == key && x.Size == 9) == true, "key not listed with size 9");
                o.Check(body == "crud body", "body differs");
                return o.Check(await ctx.HeadAsync(key) is null, "object still exists after delete");
            }));

        yield return S("stores binary/octet-stream when PUT sends no Content-Type", "[REC]",
            Expect.Status(200).Stored("Content-Type binary/octet-stream"), async ctx =>
            {
                var key = ctx.NewKey();
                var o = await ctx.Raw.PutAsync(ctx.Presign(key, "PUT"), [1, 2, 3], ctx.CancellationToken);
                return o.Check((await ctx.HeadAsync(key))?.Headers.ContentType == "binary/octet-stream", "default Content-Type is not binary/octet-stream");
            });

        yield return S("answers DELETE of a missing key with 204", "[DOC][UNCONFIRMED]",
            Expect.Status(204), ctx => SdkAsync(async () => Observation.Ok((await ctx.S3.DeleteObjectAsync(ctx.Bucket, ctx.NewKey("never.txt"), ctx.CancellationToken)).HttpStatusCode)));

        yield return S("answers GET on a missing bucket with NoSuchBucket and <BucketName>", "[REC]",
            Expect.Error(404, "NoSuchBucket", "The specified bucket does not exist").With("BucketName"),
            ctx => ctx.Raw.GetAsync(ctx.Presign("x.txt", bucket: ctx.MissingBucket), ctx.CancellationToken));

        yield return S("answers an unsatisfiable Range with 416 InvalidRange", "[REC]",
            Expect.Error(416, "InvalidRange", "The requested range is not satisfiable").With("ActualObjectSize", "5").With("RangeRequested", "bytes=10-20"),
            async ctx => await PresignedGet.GetAsync(ctx, null, r => r.Headers.TryAddWithoutValidation("Range", "bytes=10-20")));

        yield return S("answers a failed If-Match with 412 PreconditionFailed naming the condition", "[REC]",
            Expect.Error(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold").With("Condition", "If-Match"),
            ctx => GetWithHeaderAsync(ctx, "If-Match", _ => "\"00000000000000000000000000000000\""));

        yield return S("answers a matching If-None-Match with 304 and no body", "[REC]",
            Expect.Status(304), async ctx => { var o = await GetWithHeaderAsync(ctx, "If-None-Match", h => h.ETag); return o.Check(o.Body.Length == 0, "304 has a body"); });

        yield return S("copies an object with CopyObject", "[DOC]",
            Expect.Status(200).Stored("copy holds the source bytes"), ctx => SdkAsync(async () =>
            {
                var src = await ctx.SharedObjectAsync();
                var dst = ctx.NewKey("copy.txt");
                var r = await ctx.S3.CopyObjectAsync(ctx.Bucket, src, ctx.Bucket, dst, ctx.CancellationToken);
                return Observation.Ok(r.HttpStatusCode).Check(await ctx.GetTextAsync(dst) == "hello", "copy differs");
            }));

        yield return S("completes a two-part multipart upload with a -2 ETag", "[DOC]",
            Expect.Status(200).Stored("object is 5 MiB + 5 bytes, ETag ends in -2"), ctx => SdkAsync(async () =>
            {
                var key = ctx.NewKey("multipart.bin");
                var init = await ctx.S3.InitiateMultipartUploadAsync(ctx.Bucket, key, ctx.CancellationToken);
                var part1 = new byte[5 * 1024 * 1024];
                Random.Shared.NextBytes(part1);
                var p1 = await ctx.S3.UploadPartAsync(new UploadPartRequest { BucketName = ctx.Bucket, Key = key, UploadId = init.UploadId, PartNumber = 1, InputStream = new MemoryStream(part1) }, ctx.CancellationToken);
                var p2 = await ctx.S3.UploadPartAsync(new UploadPartRequest { BucketName = ctx.Bucket, Key = key, UploadId = init.UploadId, PartNumber = 2, InputStream = new MemoryStream([1, 2, 3, 4, 5]) }, ctx.CancellationToken);
                var done = await ctx.S3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
                {
                    BucketName = ctx.Bucket, Key = key, UploadId = init.UploadId,
                    PartETags = [new PartETag { PartNumber = 1, ETag = p1.ETag, ChecksumCRC32 = p1.ChecksumCRC32 }, new PartETag { PartNumber = 2, ETag = p2.ETag, ChecksumCRC32 = p2.ChecksumCRC32 }],
                }, ctx.CancellationToken);
                var head = await ctx.HeadAsync(key);
                var o = Observation.Ok(done.HttpStatusCode);
                o.Check(head?.ContentLength == part1.Length + 5, $"size {head?.ContentLength}");
                return o.Check(done.ETag?.TrimEnd('"').EndsWith("-2", StringComparison.Ordinal) == true, $"ETag {done.ETag}");
            }));

        yield return S("answers HEAD of a missing key with 404 and no body", "[REC]",
            Expect.Status(404), async ctx =>
            {
                var o = await ctx.Raw.SendAsync(new HttpRequestMessage(HttpMethod.Head, ctx.Presign(ctx.NewKey("missing.txt"), "HEAD")), ctx.CancellationToken);
                return o.Check(o.Body.Length == 0, "HEAD error has a body");
            });
        _ = HttpStatusCode.OK;
    }
}
