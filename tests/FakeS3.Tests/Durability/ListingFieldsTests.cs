using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Durability;

/// <summary>
/// Listings read only the fields they show (issue 14): every listing shows for each object what HeadObject
/// shows, for objects held inline and in blobs, with and without a checksum, after metadata, tags and a
/// storage class were set, and again after a restart on the same data file.
/// </summary>
public sealed class ListingFieldsTests
{
    [Fact]
    public async Task EveryListing_ShowsWhatHeadObjectShows_InlineAndBlobObjects_AlsoAfterRestart()
    {
        string dataPath;
        await using (var s3 = await TestFakeS3.StartAsync())
        {
            dataPath = s3.DataPath;
            using var client = s3.CreateS3Client();
            await client.PutBucketAsync("lfields");
            var small = new PutObjectRequest { BucketName = "lfields", Key = "a/small", ContentBody = "tiny", ChecksumAlgorithm = ChecksumAlgorithm.SHA256 };
            small.Metadata.Add("x-amz-meta-m", "v");
            small.TagSet = [new Tag { Key = "t", Value = "v" }];
            await client.PutObjectAsync(small);
            await client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = "lfields", Key = "b/big", InputStream = new MemoryStream(new byte[200 * 1024]), StorageClass = S3StorageClass.ReducedRedundancy,
            });
            await client.CopyObjectAsync(new CopyObjectRequest
            {
                SourceBucket = "lfields", SourceKey = "b/big", DestinationBucket = "lfields", DestinationKey = "c/copy", StorageClass = S3StorageClass.StandardInfrequentAccess,
            });
            await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = "lfields", Key = "d/upload", StorageClass = S3StorageClass.OneZoneInfrequentAccess });
            await AssertListingsMatchHead(client);
        }
        await using var again = await TestFakeS3.StartAsync(dataPath: dataPath);
        using var reopened = again.CreateS3Client();
        await AssertListingsMatchHead(reopened);
    }

    static async Task AssertListingsMatchHead(AmazonS3Client client)
    {
        string[] keys = ["a/small", "b/big", "c/copy"];
        var heads = new Dictionary<string, GetObjectMetadataResponse>();
        foreach (var k in keys) heads[k] = await client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = "lfields", Key = k, ChecksumMode = ChecksumMode.ENABLED });
        Assert.NotNull(heads["a/small"].ChecksumSHA256);
        Assert.Equal(S3StorageClass.ReducedRedundancy, heads["b/big"].StorageClass);

        var v2 = (await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "lfields" })).S3Objects;
        var v1 = (await client.ListObjectsAsync(new ListObjectsRequest { BucketName = "lfields" })).S3Objects;
        var versions = (await client.ListVersionsAsync(new ListVersionsRequest { BucketName = "lfields" })).Versions;
        foreach (var listed in new[] { v2, v1 })
        {
            Assert.Equal(keys, listed.Select(o => o.Key));
            foreach (var o in listed) AssertSame(heads[o.Key], o.ETag, o.Size, o.LastModified, o.StorageClass, o.ChecksumAlgorithm?.SingleOrDefault()?.ToString());
        }
        Assert.Equal(keys, versions.Select(o => o.Key));
        foreach (var o in versions) AssertSame(heads[o.Key], o.ETag, o.Size, o.LastModified, o.StorageClass, o.ChecksumAlgorithm?.SingleOrDefault()?.ToString());
        Assert.Equal(["SHA256"], v2[0].ChecksumAlgorithm.Select(a => a.ToString()));

        var uploads = (await client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = "lfields" })).MultipartUploads;
        var upload = Assert.Single(uploads);
        Assert.Equal("d/upload", upload.Key);
        Assert.Equal(S3StorageClass.OneZoneInfrequentAccess, upload.StorageClass);
        Assert.InRange(upload.Initiated!.Value.ToUniversalTime(), DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));
    }

    static void AssertSame(GetObjectMetadataResponse head, string etag, long? size, DateTime? lastModified, S3StorageClass storageClass, string? checksum)
    {
        Assert.Equal(head.ETag, etag);
        Assert.Equal(head.ContentLength, size);
        // Last-Modified is whole seconds; listings show milliseconds.
        var listed = lastModified!.Value.ToUniversalTime();
        Assert.Equal(head.LastModified!.Value.ToUniversalTime(), listed.AddTicks(-(listed.Ticks % TimeSpan.TicksPerSecond)));
        Assert.Equal(head.StorageClass ?? S3StorageClass.Standard, storageClass);
        // HeadObject names the checksum it returns; a listing names the algorithm alone.
        var headAlgorithm = new[] { ("SHA256", head.ChecksumSHA256), ("SHA1", head.ChecksumSHA1), ("CRC64NVME", head.ChecksumCRC64NVME),
            ("CRC32C", head.ChecksumCRC32C), ("CRC32", head.ChecksumCRC32) }.SingleOrDefault(c => c.Item2 is not null).Item1;
        Assert.Equal(headAlgorithm, checksum);
    }
}
