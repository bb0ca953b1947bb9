using Amazon.S3;
using System.Net;
using System.Net.Http.Json;
using Amazon.S3.Model;
using FakeS3.Testing;

namespace FakeS3.Tests.Harness;

public class ExplainTests
{
    [Fact]
    public async Task PresignedUrl_ShowsWhatItGrants()
    {
        await using var host = await FakeS3Host.StartAsync(o => o.Buckets.Add("explain"));
        using var s3 = host.CreateS3Client();
        var url = HarnessClient.PresignGet(s3, "explain", "dir/k.txt", TimeSpan.FromMinutes(10));

        var result = await HarnessClient.ExplainAsync(host, new { url, method = "GET" });

        Assert.Equal("SigV4Query", result.GetProperty("kind").GetString());
        Assert.Equal("GET", result.GetProperty("method").GetString());
        Assert.Equal("explain", result.GetProperty("bucket").GetString());
        Assert.Equal("dir/k.txt", result.GetProperty("key").GetString());
        Assert.Equal(host.Options.Region, result.GetProperty("region").GetString());
        Assert.InRange(result.GetProperty("secondsLeft").GetDouble(), 500, 601);
        Assert.Contains("host", result.GetProperty("signedHeaders").EnumerateArray().Select(e => e.GetString()));
        Assert.True(result.GetProperty("accepted").GetBoolean());
    }

    [Fact]
    public async Task PresignedUrl_AfterExpiry_IsNotAcceptedWithTheReason()
    {
        await using var host = await FakeS3Host.StartAsync(o => o.Buckets.Add("explain"));
        using var s3 = host.CreateS3Client();
        var url = HarnessClient.PresignGet(s3, "explain", "k.txt", TimeSpan.FromMinutes(10));
        host.Clock.Advance(TimeSpan.FromMinutes(11));

        var result = await HarnessClient.ExplainAsync(host, new { url, method = "GET" });

        Assert.False(result.GetProperty("accepted").GetBoolean());
        Assert.True(result.GetProperty("secondsLeft").GetDouble() < 0);
        Assert.Contains("signed at", result.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task PresignedUrl_WithoutMethod_FindsTheSignedMethod()
    {
        await using var host = await FakeS3Host.StartAsync(o => o.Buckets.Add("explain"));
        using var s3 = host.CreateS3Client();
        var url = s3.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = "explain", Key = "k.txt", Verb = HttpVerb.DELETE, Expires = DateTime.UtcNow.AddMinutes(5), Protocol = Protocol.HTTP,
        });
        var result = await HarnessClient.ExplainAsync(host, new { url });
        Assert.Equal("DELETE", result.GetProperty("method").GetString());
        Assert.True(result.GetProperty("accepted").GetBoolean());
    }

    [Fact]
    public async Task PostFields_ShowKeyExpiryAndConditions()
    {
        await using var host = await FakeS3Host.StartAsync(o => o.Buckets.Add("forms"));
        using var s3 = host.CreateS3Client();
        var post = await s3.CreatePresignedPostAsync(new CreatePresignedPostRequest
        {
            BucketName = "forms", Key = "up.txt", Expires = DateTime.UtcNow.AddMinutes(10),
        });

        var result = await HarnessClient.ExplainAsync(host, new { fields = post.Fields });

        Assert.Equal("PostPolicy", result.GetProperty("kind").GetString());
        Assert.Equal("forms", result.GetProperty("bucket").GetString());
        Assert.Equal("up.txt", result.GetProperty("key").GetString());
        Assert.True(result.GetProperty("conditions").GetArrayLength() > 0);
        Assert.True(result.GetProperty("accepted").GetBoolean());
    }

    [Fact]
    public async Task PostFields_KeyOutsideStartsWith_IsNotAcceptedWithTheFailedCondition()
    {
        await using var host = await FakeS3Host.StartAsync(o => o.Buckets.Add("forms"));
        using var s3 = host.CreateS3Client();
        var post = await s3.CreatePresignedPostAsync(new CreatePresignedPostRequest
        {
            BucketName = "forms", Key = "mytest/${filename}", Expires = DateTime.UtcNow.AddMinutes(10),
            Conditions = [new StartsWithCondition("key", "mytest/")],
        });
        var fields = new Dictionary<string, string>(post.Fields) { ["key"] = "test/post_test4.txt" };

        var result = await HarnessClient.ExplainAsync(host, new { fields });

        Assert.False(result.GetProperty("accepted").GetBoolean());
        Assert.Equal("Invalid according to Policy: Policy Condition failed: [\"starts-with\", \"$key\", \"mytest/\"]", result.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task EmptyBody_Is400()
    {
        await using var host = await FakeS3Host.StartAsync();
        var response = await host.HttpClient.PostAsJsonAsync("/_fakes3/explain", new { });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
