using System.Net;
using FakeS3.Testing;

namespace FakeS3.Tests.Harness;

public class AdminDisabledTests
{
    [Theory]
    [InlineData("GET", "/_fakes3/clock")]
    [InlineData("POST", "/_fakes3/reset")]
    [InlineData("GET", "/_fakes3/requests")]
    public async Task AdminOff_PathsAnswerLikeS3(string method, string path)
    {
        await using var host = await FakeS3Host.StartAsync(o => o.Admin.Enabled = false);
        var response = await host.HttpClient.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        // an anonymous request for a bucket that does not exist: S3 says NoSuchBucket
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<Code>NoSuchBucket</Code>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AdminOff_SignedRequestToTheAdminBucket_IsAnS3Error()
    {
        await using var host = await FakeS3Host.StartAsync(o => o.Admin.Enabled = false);
        using var s3 = host.CreateS3Client();
        var e = await Assert.ThrowsAnyAsync<Amazon.S3.AmazonS3Exception>(() => s3.ListObjectsV2Async(new() { BucketName = "_fakes3" }));
        Assert.Contains(e.ErrorCode, new[] { "NoSuchBucket", "InvalidBucketName" });
    }

    [Fact]
    public async Task AdminOn_VirtualHostedBucket_KeepsTheAdminPrefixAsAnObjectKey()
    {
        await using var host = await FakeS3Host.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/_fakes3/clock");
        request.Headers.Host = "mybucket.localhost";
        var response = await host.HttpClient.SendAsync(request);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
    }
}
