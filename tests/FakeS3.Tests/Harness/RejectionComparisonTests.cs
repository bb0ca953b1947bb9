using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Testing;

namespace FakeS3.Tests.Harness;

/// <summary>
/// Every rejection's explanation says what was compared (issue 12): POST sizes with the proposed size and the
/// range, failed starts-with/eq with the submitted value, refused CORS preflights with origin, method and headers,
/// NotImplemented with the operation.
/// </summary>
public class RejectionComparisonTests
{
    static async Task<(HttpStatusCode Status, string Body)> PostAsync(FakeS3Host host, CreatePresignedPostResponse post,
        Dictionary<string, string> changed, byte[] file)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in post.Fields) form.Add(new StringContent(changed.Remove(name, out var v) ? v : value), name);
        foreach (var (name, value) in changed) form.Add(new StringContent(value), name);
        form.Add(new ByteArrayContent(file), "file", "f.txt");
        var response = await host.HttpClient.PostAsync("/explain", form);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SdkPresignedPost_SizeEqAndStartsWithRejections_ExplainTheComparedValues()
    {
        await using var host = await FakeS3Host.StartAsync(o => o.Buckets.Add("explain"));
        using var s3 = host.CreateS3Client();
        var post = await s3.CreatePresignedPostAsync(new CreatePresignedPostRequest
        {
            BucketName = "explain", Key = "allowed/f.txt", Expires = DateTime.UtcNow.AddMinutes(5),
            Conditions = [new StartsWithCondition("Content-Type", "image/"), new ContentLengthRangeCondition(1, 10)],
        });

        var (status, body) = await PostAsync(host, post, new() { ["Content-Type"] = "image/png" }, new byte[20]);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("<Code>EntityTooLarge</Code>", body);
        Assert.Contains("The file is 20 bytes", host.Requests.Latest!.Explanation);
        Assert.Contains("allows 1 to 10 bytes", host.Requests.Latest!.Explanation);

        (status, body) = await PostAsync(host, post, new() { ["key"] = "elsewhere/f.txt", ["Content-Type"] = "image/png" }, new byte[5]);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("Policy Condition failed", body);
        Assert.Contains("'key' was submitted as 'elsewhere/f.txt'; the policy requires exactly 'allowed/f.txt'", host.Requests.Latest!.Explanation);

        (status, _) = await PostAsync(host, post, new() { ["Content-Type"] = "text/plain" }, new byte[5]);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("'Content-Type' was submitted as 'text/plain', which does not start with 'image/'", host.Requests.Latest!.Explanation);
    }

    [Fact]
    public async Task RefusedPreflight_ExplainsOriginMethodAndHeaders()
    {
        await using var host = await FakeS3Host.StartAsync(o =>
        {
            o.Buckets.Add("cors");
            o.Cors["cors"] = [new() { AllowedOrigins = ["http://app.example"], AllowedMethods = ["GET", "PUT"], AllowedHeaders = ["content-type"] }];
        });
        using var request = new HttpRequestMessage(HttpMethod.Options, "/cors/k.txt");
        request.Headers.Add("Origin", "http://app.example");
        request.Headers.Add("Access-Control-Request-Method", "PUT");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-amz-acl");
        var response = await host.HttpClient.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var explanation = host.Requests.Latest!.Explanation!;
        Assert.Contains("origin 'http://app.example', method 'PUT', headers 'content-type, x-amz-acl'", explanation);
        Assert.Contains("header(s) x-amz-acl not in AllowedHeaders [content-type]", explanation);
    }

    [Fact]
    public async Task NotImplemented_NamesTheOperation()
    {
        await using var host = await FakeS3Host.StartAsync(o => o.Buckets.Add("not-implemented"));
        using var s3 = host.CreateS3Client();
        var e = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetLifecycleConfigurationAsync("not-implemented"));
        Assert.Equal("NotImplemented", e.ErrorCode);
        Assert.Contains("GetBucketLifecycle", host.Requests.Latest!.Explanation);
    }
}
