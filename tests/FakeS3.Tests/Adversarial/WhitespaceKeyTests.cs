using System.Net;
using Amazon.S3;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Adversarial;

/// <summary>Keys with leading or trailing spaces are ordinary S3 keys: what is written under one can be deleted under it.</summary>
public sealed class WhitespaceKeyTests
{
    [Fact]
    public async Task KeyWithSurroundingSpaces_DeleteRemovesIt()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("ws-keys");
        await client.PutObjectAsync(new() { BucketName = "ws-keys", Key = "  z  ", ContentBody = "data" });

        await client.DeleteObjectAsync("ws-keys", "  z  ");

        var e = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.GetObjectMetadataAsync("ws-keys", "  z  "));
        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
    }
}
