using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Http;

/// <summary>Issue 12 item 11: multipart and object details real suites rely on, through AWSSDK.S3 and boto3.</summary>
public sealed class MultipartDetailsTests
{
    const int MiB = 1024 * 1024;

    [Fact]
    public async Task Sdk_CopyPart_WholeAndRanged_AssemblesTheSourceBytes()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("copy");
        var data = new byte[7 * MiB + 11];
        new Random(5).NextBytes(data);
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "copy", Key = "src", InputStream = new MemoryStream(data) });
        var upload = await client.InitiateMultipartUploadAsync("copy", "dst");
        var first = await client.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = "copy", SourceKey = "src", DestinationBucket = "copy", DestinationKey = "dst", UploadId = upload.UploadId,
            PartNumber = 1, FirstByte = 0, LastByte = 5 * MiB - 1,
        });
        var second = await client.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = "copy", SourceKey = "src", DestinationBucket = "copy", DestinationKey = "dst", UploadId = upload.UploadId,
            PartNumber = 2, FirstByte = 5 * MiB, LastByte = data.Length - 1,
        });
        var bad = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = "copy", SourceKey = "src", DestinationBucket = "copy", DestinationKey = "dst", UploadId = upload.UploadId,
            PartNumber = 3, FirstByte = 0, LastByte = data.Length,
        }));
        Assert.Equal("InvalidArgument", bad.ErrorCode);
        Assert.Equal($"Range specified is not valid for source object of size: {data.Length}", bad.Message);
        await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = "copy", Key = "dst", UploadId = upload.UploadId,
            PartETags = [new PartETag(1, first.ETag), new PartETag(2, second.ETag)],
        });
        using var get = await client.GetObjectAsync("copy", "dst");
        using var copy = new MemoryStream();
        await get.ResponseStream.CopyToAsync(copy);
        Assert.Equal(data, copy.ToArray());
    }

    [Fact]
    public async Task Boto3_ManagedCopy_DeleteBucketWithUploads_SortedTags()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        var (exit, output) = await ExternalTool.PythonAsync("""
            import os, boto3, botocore
            c = boto3.client("s3", endpoint_url=os.environ["FAKES3_ENDPOINT"], region_name="us-east-1")
            c.create_bucket(Bucket="details")
            data = os.urandom(9 * 1024 * 1024 + 7)
            c.put_object(Bucket="details", Key="big", Body=data)
            sent = []
            c.meta.events.register("before-send.s3.UploadPartCopy", lambda request, **_: sent.append(request.headers.get("x-amz-copy-source-range")))
            c.copy({"Bucket": "details", "Key": "big"}, "details", "big-copy")   # s3transfer: UploadPartCopy above 8 MiB
            assert sent, "managed copy did not use UploadPartCopy"
            assert c.get_object(Bucket="details", Key="big-copy")["Body"].read() == data

            # UploadPartCopy ranges S3 refuses, with its texts; then a retried Complete, and one after an overwrite.
            up = c.create_multipart_upload(Bucket="details", Key="ranged")
            form = "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy"
            for rng, msg in [("bytes=5-", form), ("bytes=abc", form), ("5-10", form), ("bytes=10-5", f"Range specified is not valid for source object of size: {len(data)}"),
                             (f"bytes=0-{len(data)}", f"Range specified is not valid for source object of size: {len(data)}")]:
                try:
                    c.upload_part_copy(Bucket="details", Key="ranged", UploadId=up["UploadId"], PartNumber=1, CopySource="details/big", CopySourceRange=rng)
                    raise SystemExit(f"{rng} accepted")
                except botocore.exceptions.ClientError as e:
                    assert (e.response["Error"]["Code"], e.response["Error"]["Message"]) == ("InvalidArgument", msg), (rng, e.response["Error"])
            part = c.upload_part_copy(Bucket="details", Key="ranged", UploadId=up["UploadId"], PartNumber=1, CopySource="details/big", CopySourceRange="bytes=10-19")
            parts = {"Parts": [{"PartNumber": 1, "ETag": part["CopyPartResult"]["ETag"]}]}
            first = c.complete_multipart_upload(Bucket="details", Key="ranged", UploadId=up["UploadId"], MultipartUpload=parts)
            again = c.complete_multipart_upload(Bucket="details", Key="ranged", UploadId=up["UploadId"], MultipartUpload=parts)
            assert again["ETag"] == first["ETag"], (first, again)
            assert c.get_object(Bucket="details", Key="ranged")["Body"].read() == data[10:20]
            c.put_object(Bucket="details", Key="ranged", Body=b"replaced")
            try:
                c.complete_multipart_upload(Bucket="details", Key="ranged", UploadId=up["UploadId"], MultipartUpload=parts); raise SystemExit("completed twice after overwrite")
            except botocore.exceptions.ClientError as e:
                assert e.response["Error"]["Code"] == "NoSuchUpload", e.response["Error"]

            # Tags given with x-amz-tagging come back sorted by key.
            c.put_object(Bucket="details", Key="tagged", Body=b"x", Tagging="zeta=1&alpha=2&Mid=3")
            keys = [t["Key"] for t in c.get_object_tagging(Bucket="details", Key="tagged")["TagSet"]]
            assert keys == ["Mid", "alpha", "zeta"], keys

            # A bucket whose only content is an unfinished upload can be deleted (the upload goes with it).
            c.create_bucket(Bucket="aborted-suite")
            up = c.create_multipart_upload(Bucket="aborted-suite", Key="half")
            c.upload_part(Bucket="aborted-suite", Key="half", UploadId=up["UploadId"], PartNumber=1, Body=b"part")
            c.delete_bucket(Bucket="aborted-suite")
            try:
                c.list_multipart_uploads(Bucket="aborted-suite"); raise SystemExit("bucket still there")
            except botocore.exceptions.ClientError as e:
                assert e.response["Error"]["Code"] == "NoSuchBucket", e.response
            c.create_bucket(Bucket="aborted-suite")
            assert c.list_multipart_uploads(Bucket="aborted-suite").get("Uploads", []) == []
            print("ok")
            """, s3);
        Assert.True(exit == 0, output);
        var tags = await client.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = "details", Key = "tagged" });
        Assert.Equal(["Mid", "alpha", "zeta"], tags.Tagging.Select(t => t.Key).ToArray());
    }

    [Fact]
    public async Task Sdk_DeleteBucket_WithOnlyAnUnfinishedUpload_Succeeds_WithAnObject_Is409()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("half");
        var upload = await client.InitiateMultipartUploadAsync("half", "k");
        await client.UploadPartAsync(new UploadPartRequest { BucketName = "half", Key = "k", UploadId = upload.UploadId, PartNumber = 1, InputStream = new MemoryStream(new byte[100]) });
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "half", Key = "obj", ContentBody = "x" });
        var notEmpty = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.DeleteBucketAsync("half"));
        Assert.Equal(HttpStatusCode.Conflict, notEmpty.StatusCode);
        await client.DeleteObjectAsync("half", "obj");
        await client.DeleteBucketAsync("half");
        var gone = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.ListPartsAsync("half", "k", upload.UploadId));
        Assert.Equal("NoSuchBucket", gone.ErrorCode);
    }

    [Fact]
    public async Task Boto3_CannedAcls_GiveS3sGrantListsInOrder()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        var (exit, output) = await ExternalTool.PythonAsync("""
            import os, boto3
            c = boto3.client("s3", endpoint_url=os.environ["FAKES3_ENDPOINT"], region_name="us-east-1")
            ALL, AUTH, LOG = ("http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
                              "http://acs.amazonaws.com/groups/s3/LogDelivery")
            def grants(acl):
                return [(g["Grantee"]["Type"], g["Grantee"].get("URI"), g["Permission"]) for g in acl["Grants"]]
            owner = ("CanonicalUser", None, "FULL_CONTROL")
            expected = {
                "private": [owner],
                "public-read": [owner, ("Group", ALL, "READ")],
                "public-read-write": [owner, ("Group", ALL, "READ"), ("Group", ALL, "WRITE")],
                "authenticated-read": [owner, ("Group", AUTH, "READ")],
                "bucket-owner-full-control": [owner],
            }
            for i, (acl, want) in enumerate(expected.items()):
                b = f"acl-{i}"
                c.create_bucket(Bucket=b, ACL=acl)
                got = grants(c.get_bucket_acl(Bucket=b))
                assert got == want, ("bucket", acl, got)
                c.put_object(Bucket=b, Key="o", Body=b"x", ACL=acl)
                got = grants(c.get_object_acl(Bucket=b, Key="o"))
                assert got == want, ("object", acl, got)
            c.put_bucket_acl(Bucket="acl-0", ACL="log-delivery-write")
            got = grants(c.get_bucket_acl(Bucket="acl-0"))
            assert got == [owner, ("Group", LOG, "READ_ACP"), ("Group", LOG, "WRITE")], got
            print("ok")
            """, s3);
        Assert.True(exit == 0, output);
    }
}
