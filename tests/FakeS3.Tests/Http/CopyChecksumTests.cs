using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Checksums;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Http;

/// <summary>
/// CopyObject of an object completed from parts: the copy carries a FULL_OBJECT checksum computed over its bytes
/// (the source's algorithm, or the copy's x-amz-checksum-algorithm), never none and never the source's "…-N"
/// composite; the SDKs' default download validation passes on the copy.
/// </summary>
public sealed class CopyChecksumTests
{
    const int MiB = 1024 * 1024;

    [Fact]
    public async Task Sdk_CopyOfCompositeMultipartObject_GetsAFullObjectChecksum_ValidatedOnDownload()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("copy");
        var parts = new[] { new byte[5 * MiB], new byte[1234] };
        new Random(7).NextBytes(parts[0]);
        new Random(8).NextBytes(parts[1]);
        var whole = parts.SelectMany(p => p).ToArray();
        var create = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = "copy", Key = "src", ChecksumAlgorithm = Amazon.S3.ChecksumAlgorithm.SHA256,
        });
        var etags = new List<PartETag>();
        for (var i = 0; i < parts.Length; i++)
        {
            var part = await client.UploadPartAsync(new UploadPartRequest
            {
                BucketName = "copy", Key = "src", UploadId = create.UploadId, PartNumber = i + 1, InputStream = new MemoryStream(parts[i]),
                ChecksumAlgorithm = Amazon.S3.ChecksumAlgorithm.SHA256,
            });
            etags.Add(new PartETag { PartNumber = i + 1, ETag = part.ETag, ChecksumSHA256 = part.ChecksumSHA256 });
        }
        await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = "copy", Key = "src", UploadId = create.UploadId, PartETags = etags });

        var kept = await client.CopyObjectAsync(new CopyObjectRequest { SourceBucket = "copy", SourceKey = "src", DestinationBucket = "copy", DestinationKey = "kept" });
        var sha256 = ChecksumCalculator.Compute(FakeS3.Checksums.ChecksumAlgorithm.Sha256, whole);
        Assert.Equal(sha256, kept.ChecksumSHA256);
        await AssertCopyAsync(client, "kept", whole, h => h.ChecksumSHA256, sha256);

        var chosen = await client.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = "copy", SourceKey = "src", DestinationBucket = "copy", DestinationKey = "crc32c", ChecksumAlgorithm = Amazon.S3.ChecksumAlgorithm.CRC32C,
        });
        var crc32c = ChecksumCalculator.Compute(FakeS3.Checksums.ChecksumAlgorithm.Crc32C, whole);
        Assert.Equal(crc32c, chosen.ChecksumCRC32C);
        await AssertCopyAsync(client, "crc32c", whole, h => h.ChecksumCRC32C, crc32c);
    }

    static async Task AssertCopyAsync(IAmazonS3 client, string key, byte[] expected, Func<GetObjectMetadataResponse, string?> value, string checksum)
    {
        var head = await client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = "copy", Key = key, ChecksumMode = ChecksumMode.ENABLED });
        Assert.Equal(ChecksumType.FULL_OBJECT, head.ChecksumType);
        Assert.Equal(checksum, value(head));
        // The SDK validates the returned checksum while the body is read (a wrong value throws).
        using var get = await client.GetObjectAsync(new GetObjectRequest { BucketName = "copy", Key = key, ChecksumMode = ChecksumMode.ENABLED });
        using var bytes = new MemoryStream();
        await get.ResponseStream.CopyToAsync(bytes);
        Assert.Equal(expected, bytes.ToArray());
    }

    [Fact]
    public async Task Boto3_CopyOfDefaultMultipartObject_KeepsItsCrc64Nvme_AndDownloadValidates()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        var (exit, output) = await ExternalTool.PythonAsync("""
            import os, boto3
            ENDPOINT = os.environ["FAKES3_ENDPOINT"]
            c = boto3.client("s3", endpoint_url=ENDPOINT, region_name="us-east-1")
            c.create_bucket(Bucket="copy")
            MiB = 1024 * 1024
            data = os.urandom(5 * MiB + 99)
            up = c.create_multipart_upload(Bucket="copy", Key="src")
            r1 = c.upload_part(Bucket="copy", Key="src", UploadId=up["UploadId"], PartNumber=1, Body=data[:5 * MiB])
            r2 = c.upload_part(Bucket="copy", Key="src", UploadId=up["UploadId"], PartNumber=2, Body=data[5 * MiB:])
            done = c.complete_multipart_upload(Bucket="copy", Key="src", UploadId=up["UploadId"],
                MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": r1["ETag"]}, {"PartNumber": 2, "ETag": r2["ETag"]}]})
            crc = done["ChecksumCRC64NVME"]
            copied = c.copy_object(Bucket="copy", Key="dst", CopySource={"Bucket": "copy", "Key": "src"})
            assert copied["CopyObjectResult"].get("ChecksumCRC64NVME") == crc, copied
            head = c.head_object(Bucket="copy", Key="dst", ChecksumMode="ENABLED")
            assert head.get("ChecksumCRC64NVME") == crc and head.get("ChecksumType") == "FULL_OBJECT", head
            # botocore validates the response checksum by default (when_supported).
            got = c.get_object(Bucket="copy", Key="dst", ChecksumMode="ENABLED")
            assert got["Body"].read() == data and got.get("ChecksumCRC64NVME") == crc, got
            print("ok")
            """, s3);
        Assert.True(exit == 0, output);
    }
}
