using System.Net;
using Amazon.S3;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Adversarial;

/// <summary>Keys with leading or trailing spaces are ordinary S3 keys: what is written under one can be deleted under it.</summary>
public sealed class WhitespaceKeyTests
{
    // Found by the adversarial pass, not fixed here (storage is being reworked): LiteDB's BsonMapper trims
    // string values by default (TrimWhitespace), so the record is stored and listed as "z" while DeleteObject
    // looks up "  z  " and finds nothing (204 anyway); GET still answers from the in-memory object cache.
    [Fact(Skip = "Storage defect: LiteDB BsonMapper.TrimWhitespace (default true) trims keys; DELETE of '  z  ' leaves the object (fix belongs in src/FakeS3/Storage)")]
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
