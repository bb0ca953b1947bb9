using System.Net;
using Amazon.S3.Model;
using FakeS3.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace FakeS3.Tests.Http;

/// <summary>The seed article's POST-policy flows, with policies signed by AWSSDK.S3 (an independent signer).</summary>
public sealed class PostObjectTests
{
    static async Task<(TestFakeS3 S3, FakeTimeProvider Clock, CreatePresignedPostResponse Post)> SeedAsync()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var s3 = await TestFakeS3.StartAsync(time: clock);
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("testjorzel");
        var post = await client.CreatePresignedPostAsync(new CreatePresignedPostRequest
        {
            BucketName = "testjorzel",
            Key = "mytest/${filename}",
            Expires = clock.GetUtcNow().UtcDateTime.AddSeconds(60),
            Conditions = [new StartsWithCondition("key", "mytest/")],
        });
        return (s3, clock, post);
    }

    static async Task<HttpResponseMessage> UploadAsync(HttpClient http, CreatePresignedPostResponse post, string? key, string fileName = "test.txt", string body = "My test put/get/post")
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in post.Fields)
            form.Add(new StringContent(name == "key" && key is not null ? key : value), name);
        form.Add(new StringContent(body), "file", fileName);
        return await http.PostAsync(post.Url.Replace("localhost", "127.0.0.1"), form);
    }

    [Fact]
    public async Task SeedArticle_TwoUploadsUnderPrefix_204AndBothReadable()
    {
        var (s3, _, post) = await SeedAsync();
        await using var _ = s3;
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.NoContent, (await UploadAsync(http, post, "mytest/post_test1.txt")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await UploadAsync(http, post, "mytest/post_test2.txt")).StatusCode);
        using var client = s3.CreateS3Client();
        foreach (var key in new[] { "mytest/post_test1.txt", "mytest/post_test2.txt" })
        {
            using var get = await client.GetObjectAsync("testjorzel", key);
            Assert.Equal("My test put/get/post", await new StreamReader(get.ResponseStream).ReadToEndAsync());
        }
    }

    [Fact]
    public async Task SeedArticle_KeyOutsidePrefix_403WithExactConditionAndNothingStored()
    {
        var (s3, _, post) = await SeedAsync();
        await using var _ = s3;
        using var http = new HttpClient();
        var response = await UploadAsync(http, post, "test/post_test4.txt");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("<Code>AccessDenied</Code><Message>Invalid according to Policy: Policy Condition failed: [\"starts-with\", \"$key\", \"mytest/\"]</Message>", body);
        using var client = s3.CreateS3Client();
        var list = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "testjorzel" });
        Assert.Empty(list.S3Objects ?? []);
    }

    [Fact]
    public async Task SeedArticle_AfterExpiry_403PolicyExpired()
    {
        var (s3, clock, post) = await SeedAsync();
        await using var _ = s3;
        clock.Advance(TimeSpan.FromSeconds(61));
        using var http = new HttpClient();
        var response = await UploadAsync(http, post, "mytest/late.txt");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("<Message>Invalid according to Policy: Policy expired.</Message>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FilenameVariable_SubstitutedFromFilePart()
    {
        var (s3, _, post) = await SeedAsync();
        await using var _ = s3;
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.NoContent, (await UploadAsync(http, post, null, fileName: "C:\\docs\\report.txt")).StatusCode);
        using var client = s3.CreateS3Client();
        var head = await client.GetObjectMetadataAsync("testjorzel", "mytest/report.txt");
        Assert.Equal(20, head.ContentLength);
    }
}
