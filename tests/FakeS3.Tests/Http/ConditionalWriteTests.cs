using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Http;

/// <summary>
/// PutObject and CompleteMultipartUpload conditional writes (S3's create-only and compare-and-swap): the headers were
/// ignored, so `If-None-Match: *` overwrote an existing object and every racing "create once" writer won.
/// </summary>
public sealed class ConditionalWriteTests
{
    static async Task<string> ReadAsync(IAmazonS3 client, string key)
    {
        using var get = await client.GetObjectAsync("cond-writes", key);
        return await new StreamReader(get.ResponseStream).ReadToEndAsync();
    }

    [Fact]
    public async Task IfNoneMatchStar_CreatesOnce_SecondIs412_ObjectKept()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("cond-writes");

        await client.PutObjectAsync(new PutObjectRequest { BucketName = "cond-writes", Key = "lock", ContentBody = "first", IfNoneMatch = "*" });
        var e = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            client.PutObjectAsync(new PutObjectRequest { BucketName = "cond-writes", Key = "lock", ContentBody = "second", IfNoneMatch = "*" }));

        Assert.Equal(HttpStatusCode.PreconditionFailed, e.StatusCode);
        Assert.Equal("PreconditionFailed", e.ErrorCode);
        Assert.Equal("first", await ReadAsync(client, "lock"));
    }

    [Fact]
    public async Task IfMatch_ReplacesOnlyTheVersionRead_MissingKeyIs404()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("cond-writes");
        var v1 = (await client.PutObjectAsync(new PutObjectRequest { BucketName = "cond-writes", Key = "doc", ContentBody = "v1" })).ETag;

        var v2 = (await client.PutObjectAsync(new PutObjectRequest { BucketName = "cond-writes", Key = "doc", ContentBody = "v2", IfMatch = v1 })).ETag;
        var stale = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            client.PutObjectAsync(new PutObjectRequest { BucketName = "cond-writes", Key = "doc", ContentBody = "lost update", IfMatch = v1 }));
        var missing = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            client.PutObjectAsync(new PutObjectRequest { BucketName = "cond-writes", Key = "absent", ContentBody = "x", IfMatch = v2 }));

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("NoSuchKey", missing.ErrorCode);
        Assert.Equal("v2", await ReadAsync(client, "doc"));
    }

    [Fact]
    public async Task CompleteMultipartUpload_IfNoneMatchStar_RefusedWhileTheKeyExists_TheUploadStaysCompletable()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("cond-writes");
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "cond-writes", Key = "mp", ContentBody = "existing" });
        var upload = await client.InitiateMultipartUploadAsync("cond-writes", "mp");
        var part = await client.UploadPartAsync(new UploadPartRequest
        {
            BucketName = "cond-writes", Key = "mp", UploadId = upload.UploadId, PartNumber = 1, InputStream = new MemoryStream("multipart"u8.ToArray()),
        });
        CompleteMultipartUploadRequest Complete(string? ifNoneMatch, string? ifMatch) => new()
        {
            BucketName = "cond-writes", Key = "mp", UploadId = upload.UploadId, IfNoneMatch = ifNoneMatch, IfMatch = ifMatch,
            PartETags = [new PartETag(1, part.ETag)],
        };

        var refused = await Assert.ThrowsAsync<AmazonS3Exception>(() => client.CompleteMultipartUploadAsync(Complete("*", null)));
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal("PreconditionFailed", refused.ErrorCode);
        Assert.Equal("existing", await ReadAsync(client, "mp"));

        var stale = await Assert.ThrowsAsync<AmazonS3Exception>(() => client.CompleteMultipartUploadAsync(Complete(null, "\"0123456789abcdef0123456789abcdef\"")));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);

        var current = (await client.GetObjectMetadataAsync("cond-writes", "mp")).ETag;
        await client.CompleteMultipartUploadAsync(Complete(null, current));
        Assert.Equal("multipart", await ReadAsync(client, "mp"));
    }

    [Fact]
    public async Task RacingCreateOnlyWriters_ExactlyOneWins()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("cond-writes");

        var attempts = Enumerable.Range(0, 16).Select(async i =>
        {
            try
            {
                await client.PutObjectAsync(new PutObjectRequest { BucketName = "cond-writes", Key = "race", ContentBody = "writer " + i, IfNoneMatch = "*" });
                return i;
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.PreconditionFailed)
            {
                return -1;
            }
        }).ToList();
        var winners = (await Task.WhenAll(attempts)).Where(i => i >= 0).ToList();

        var winner = Assert.Single(winners);
        Assert.Equal("writer " + winner, await ReadAsync(client, "race"));
    }

    [Theory]
    [InlineData("If-None-Match", "\"abc\"")]
    [InlineData("If-Match", "*")]
    public async Task UnsupportedConditionValue_Is501_NothingStored(string header, string value)
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("cond-writes");
        var request = new PutObjectRequest { BucketName = "cond-writes", Key = "k", ContentBody = "x" };
        request.Headers[header] = value;

        var e = await Assert.ThrowsAsync<AmazonS3Exception>(() => client.PutObjectAsync(request));

        Assert.Equal(HttpStatusCode.NotImplemented, e.StatusCode);
        Assert.Equal("NotImplemented", e.ErrorCode);
        var list = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "cond-writes" });
        Assert.Empty(list.S3Objects ?? []);
    }
}
