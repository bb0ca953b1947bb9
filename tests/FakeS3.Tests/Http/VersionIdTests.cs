using System.Net;
using Amazon.S3.Model;
using FakeS3.Conformance.Signing;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Http;

/// <summary>
/// FakeS3 buckets are never versioned, so every version id but "null" names a version that does not exist.
/// Deleting such a version deleted the object itself (a DELETE meant for an old version destroyed the current
/// data); S3 answers success, echoes the id and deletes nothing [2ND minio#18117, versitygw#1758 quoting S3], and
/// DeleteObjects reports it Deleted [WIRE minio#11086]. An empty versionId is 400 InvalidArgument [WIRE aws-sdk-core-ruby#76].
/// </summary>
public sealed class VersionIdTests
{
    const string OtherVersion = "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY";

    static async Task<TestFakeS3> StartWithObjectAsync()
    {
        var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("versions");
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "versions", Key = "k", ContentBody = "current" });
        return s3;
    }

    static async Task AssertStillThere(TestFakeS3 s3)
    {
        using var client = s3.CreateS3Client();
        using var get = await client.GetObjectAsync("versions", "k");
        Assert.Equal("current", await new StreamReader(get.ResponseStream).ReadToEndAsync());
    }

    [Fact]
    public async Task DeleteObject_OfAnotherVersion_204EchoesTheId_DeletesNothing()
    {
        await using var s3 = await StartWithObjectAsync();
        using var client = s3.CreateS3Client();

        var response = await client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = "versions", Key = "k", VersionId = OtherVersion });

        Assert.Equal(HttpStatusCode.NoContent, response.HttpStatusCode);
        Assert.Equal(OtherVersion, response.VersionId);
        await AssertStillThere(s3);
    }

    [Fact]
    public async Task DeleteObjects_OfAnotherVersion_ReportedDeleted_DeletesNothing()
    {
        await using var s3 = await StartWithObjectAsync();
        using var client = s3.CreateS3Client();

        var response = await client.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            BucketName = "versions", Objects = [new KeyVersion { Key = "k", VersionId = OtherVersion }],
        });

        Assert.Empty(response.DeleteErrors ?? []);
        var deleted = Assert.Single(response.DeletedObjects);
        Assert.Equal(("k", OtherVersion), (deleted.Key, deleted.VersionId));
        await AssertStillThere(s3);
    }

    [Fact]
    public async Task DeleteObject_NullVersion_DeletesTheObject()
    {
        await using var s3 = await StartWithObjectAsync();
        using var client = s3.CreateS3Client();

        await client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = "versions", Key = "k", VersionId = "null" });

        Assert.Empty((await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "versions" })).S3Objects ?? []);
    }

    [Fact]
    public async Task PutObjectAcl_OfAnotherVersion_404NoSuchVersion_CurrentAclUnchanged()
    {
        await using var s3 = await StartWithObjectAsync();
        using var client = s3.CreateS3Client();

        var e = await Assert.ThrowsAsync<Amazon.S3.AmazonS3Exception>(() => client.PutObjectAclAsync(new PutObjectAclRequest
        {
            BucketName = "versions", Key = "k", VersionId = OtherVersion, ACL = Amazon.S3.S3CannedACL.PublicRead,
        }));
        var get = await Assert.ThrowsAsync<Amazon.S3.AmazonS3Exception>(() => client.GetObjectAclAsync(new GetObjectAclRequest
        {
            BucketName = "versions", Key = "k", VersionId = OtherVersion,
        }));

        Assert.Equal(("NoSuchVersion", "NoSuchVersion"), (e.ErrorCode, get.ErrorCode));
        var acl = await client.GetObjectAclAsync(new GetObjectAclRequest { BucketName = "versions", Key = "k" });
        Assert.Single(acl.Grants); // still private: the owner's FULL_CONTROL only
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    [InlineData("DELETE")]
    public async Task EmptyVersionId_400InvalidArgument_DeletesNothing(string method)
    {
        await using var s3 = await StartWithObjectAsync();
        using var http = s3.CreateHttpClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(s3.BaseAddress, "/versions/k?versionId="));
        SigV4.SignHeaders(request, new HeaderSignSpec
        {
            AccessKeyId = TestFakeS3.AccessKey, Secret = TestFakeS3.SecretKey, Region = "us-east-1", Date = DateTime.UtcNow,
        });

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        if (method != "HEAD")
        {
            Assert.Contains("<Code>InvalidArgument</Code><Message>Version id cannot be the empty string</Message>"
                + "<ArgumentName>versionId</ArgumentName><ArgumentValue></ArgumentValue>", await response.Content.ReadAsStringAsync());
        }
        await AssertStillThere(s3);
    }
}
