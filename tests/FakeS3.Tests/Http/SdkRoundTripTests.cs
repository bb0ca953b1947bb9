using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Transfer;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Http;

/// <summary>AWSSDK.S3 4.x with default settings (only endpoint, path style and credentials changed).</summary>
public sealed class SdkRoundTripTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Buckets_CreateListHeadDelete_BehaveLikeS3(bool kestrel)
    {
        await using var s3 = await TestFakeS3.StartAsync(kestrel);
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("sdk-bucket");
        var list = await client.ListBucketsAsync();
        Assert.Contains(list.Buckets, b => b.BucketName == "sdk-bucket");
        // us-east-1's legacy answer to re-creating your own bucket (other regions: 409, EdgeAnswerTests).
        Assert.Equal(HttpStatusCode.OK, (await client.PutBucketAsync("sdk-bucket")).HttpStatusCode);
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "sdk-bucket", Key = "k", ContentBody = "x" });
        var notEmpty = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.DeleteBucketAsync("sdk-bucket"));
        Assert.Equal("BucketNotEmpty", notEmpty.ErrorCode);
        await client.DeleteObjectAsync("sdk-bucket", "k");
        await client.DeleteBucketAsync("sdk-bucket");
        var gone = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.GetObjectMetadataAsync("sdk-bucket", "k"));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PutObject_DefaultChecksum_RoundTripsBytesMetadataAndChecksum(bool kestrel)
    {
        await using var s3 = await TestFakeS3.StartAsync(kestrel);
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("bkt");
        var put = await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = "bkt", Key = "dir/hello world.txt", ContentBody = "hello world", ContentType = "text/plain",
            Metadata = { ["Color"] = "blue" }, Headers = { CacheControl = "max-age=60", ContentDisposition = "inline" },
        });
        Assert.Equal("\"5eb63bbbe01eeed093cb22bb8f5acdc3\"", put.ETag);
        Assert.Equal("DUoRhQ==", put.ChecksumCRC32);

        using var get = await client.GetObjectAsync(new GetObjectRequest { BucketName = "bkt", Key = "dir/hello world.txt", ChecksumMode = ChecksumMode.ENABLED });
        using var reader = new StreamReader(get.ResponseStream);
        Assert.Equal("hello world", await reader.ReadToEndAsync());
        Assert.Equal("text/plain", get.Headers.ContentType);
        Assert.Equal("blue", get.Metadata["color"]);
        Assert.Equal("max-age=60", get.Headers.CacheControl);
        Assert.Equal("inline", get.Headers.ContentDisposition);
        Assert.Equal("DUoRhQ==", get.ChecksumCRC32);

        var head = await client.GetObjectMetadataAsync("bkt", "dir/hello world.txt");
        Assert.Equal(11, head.ContentLength);
        Assert.Equal(put.ETag, head.ETag);
    }

    [Fact]
    public async Task ListObjectsV2_PrefixDelimiterAndPaging_ReturnKeysInOrder()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("bkt");
        foreach (var key in new[] { "a/1", "a/2", "b/1", "c", "d" })
            await client.PutObjectAsync(new PutObjectRequest { BucketName = "bkt", Key = key, ContentBody = key });
        var grouped = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "bkt", Delimiter = "/" });
        Assert.Equal(["a/", "b/"], grouped.CommonPrefixes);
        Assert.Equal(["c", "d"], grouped.S3Objects.Select(o => o.Key));

        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "bkt", MaxKeys = 2, ContinuationToken = token });
            keys.AddRange(page.S3Objects.Select(o => o.Key));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        } while (token is not null);
        Assert.Equal(["a/1", "a/2", "b/1", "c", "d"], keys);

        var after = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "bkt", StartAfter = "b/1", Prefix = "" });
        Assert.Equal(["c", "d"], after.S3Objects.Select(o => o.Key));
    }

    [Fact]
    public async Task CopyAndDeleteObjects_CopyBytesAndDeleteMany()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("bkt");
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "bkt", Key = "src", ContentBody = "payload", Metadata = { ["m"] = "1" } });
        var copy = await client.CopyObjectAsync(new CopyObjectRequest { SourceBucket = "bkt", SourceKey = "src", DestinationBucket = "bkt", DestinationKey = "dst" });
        Assert.Equal("\"321c3cf486ed509164edec1e1981fec8\"", copy.ETag);
        var copied = await client.GetObjectMetadataAsync("bkt", "dst");
        Assert.Equal("1", copied.Metadata["m"]);
        var deleted = await client.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = "bkt", Objects = [new() { Key = "src" }, new() { Key = "dst" }, new() { Key = "missing" }] });
        Assert.Equal(3, deleted.DeletedObjects.Count);
        var list = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "bkt" });
        Assert.Empty(list.S3Objects ?? []);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TransferUtility_20MiB_MultipartUploadAndDownloadIdentical(bool kestrel)
    {
        await using var s3 = await TestFakeS3.StartAsync(kestrel);
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("bkt");
        var data = RandomNumberGenerator.GetBytes(20 * 1024 * 1024);
        using var transfer = new TransferUtility(client);
        await transfer.UploadAsync(new TransferUtilityUploadRequest { BucketName = "bkt", Key = "big.bin", InputStream = new MemoryStream(data), PartSize = 5 * 1024 * 1024 });
        var head = await client.GetObjectMetadataAsync("bkt", "big.bin");
        Assert.EndsWith("-4\"", head.ETag);
        Assert.Equal(data.Length, head.ContentLength);
        using var get = await client.GetObjectAsync("bkt", "big.bin");
        using var ms = new MemoryStream();
        await get.ResponseStream.CopyToAsync(ms);
        Assert.True(data.AsSpan().SequenceEqual(ms.ToArray()));
    }

    [Fact]
    public async Task PresignedGetAndPut_UsedWithPlainHttpClient_Work()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("bkt");
        var putUrl = await client.GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = "bkt", Key = "up.txt", Verb = HttpVerb.PUT, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(5) });
        using var http = new HttpClient();
        var put = await http.PutAsync(putUrl, new StringContent("via presigned put"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var getUrl = await client.GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = "bkt", Key = "up.txt", Verb = HttpVerb.GET, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(5) });
        Assert.Equal("via presigned put", await http.GetStringAsync(getUrl));
        var tampered = await http.GetAsync(getUrl.Replace("up.txt", "other.txt"));
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", await tampered.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Restart_SameDataFile_ReadsBackIdenticalBytesETagAndMetadata()
    {
        string dataPath;
        var data = RandomNumberGenerator.GetBytes(300_000);
        string etag;
        await using (var first = await TestFakeS3.StartAsync())
        {
            dataPath = first.DataPath;
            using var client = first.CreateS3Client();
            await client.PutBucketAsync("bkt");
            etag = (await client.PutObjectAsync(new PutObjectRequest { BucketName = "bkt", Key = "k", InputStream = new MemoryStream(data), Metadata = { ["x"] = "y" } })).ETag;
        }
        await using var second = await TestFakeS3.StartAsync(dataPath: dataPath);
        using var again = second.CreateS3Client();
        using var get = await again.GetObjectAsync("bkt", "k");
        using var ms = new MemoryStream();
        await get.ResponseStream.CopyToAsync(ms);
        Assert.True(data.AsSpan().SequenceEqual(ms.ToArray()));
        Assert.Equal(etag, get.ETag);
        Assert.Equal("y", get.Metadata["x"]);
    }
}
