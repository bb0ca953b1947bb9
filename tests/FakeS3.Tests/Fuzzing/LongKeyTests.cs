using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Fuzzing;

/// <summary>
/// The fuzzer's long keys, pinned: keys of exactly 1,024 UTF-8 bytes (multi-byte and non-BMP characters, odd ASCII)
/// work through AWSSDK.S3 for put, presigned GET, copy, listing and delete; 1,025 bytes is 400 KeyTooLongError.
/// </summary>
public sealed class LongKeyTests
{
    static string KeyOf(int bytes, string filler)
    {
        var sb = new StringBuilder("k \\%*_+");
        while (Encoding.UTF8.GetByteCount(sb.ToString()) + Encoding.UTF8.GetByteCount(filler) <= bytes) sb.Append(filler);
        while (Encoding.UTF8.GetByteCount(sb.ToString()) < bytes) sb.Append('x');
        return sb.ToString();
    }

    [Theory]
    [InlineData("\U0001F600")]
    [InlineData("\u20ac")]
    [InlineData("\u00e9")]
    public async Task Sdk_KeysOfExactly1024Utf8Bytes_Work_OneMoreByteIsKeyTooLong(string filler)
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        using var http = s3.CreateHttpClient();
        await client.PutBucketAsync("long");
        var key = KeyOf(1024, filler);
        Assert.Equal(1024, Encoding.UTF8.GetByteCount(key));

        await client.PutObjectAsync(new PutObjectRequest { BucketName = "long", Key = key, ContentBody = "long key" });
        var url = await client.GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = "long", Key = key, Verb = HttpVerb.GET, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(5) });
        Assert.Equal("long key", await http.GetStringAsync(url));
        var copyKey = key[..^1] + "y";
        await client.CopyObjectAsync(new CopyObjectRequest { SourceBucket = "long", SourceKey = key, DestinationBucket = "long", DestinationKey = copyKey });
        var list = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "long" });
        Assert.Equal(new[] { key, copyKey }.Order(StringComparer.Ordinal), list.S3Objects.Select(o => o.Key).Order(StringComparer.Ordinal));

        var tooLong = KeyOf(1025, filler);
        Assert.Equal(1025, Encoding.UTF8.GetByteCount(tooLong));
        var e = await Assert.ThrowsAsync<AmazonS3Exception>(() => client.PutObjectAsync(new PutObjectRequest { BucketName = "long", Key = tooLong, ContentBody = "x" }));
        Assert.Equal("KeyTooLongError", e.ErrorCode);

        await client.DeleteObjectAsync("long", key);
        await client.DeleteObjectAsync("long", copyKey);
        Assert.Empty((await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "long" })).S3Objects ?? []);  // SDK v4: null when empty
    }
}
