using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Testing;

namespace FakeS3.Tests.Harness;

/// <summary>Every time rule moved by the clock, in-process and through the admin API, never by sleeping.</summary>
public class ClockExpiryTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PresignedGet_ExpiresWhenTheClockPassesItsExpiry(bool throughAdminApi)
    {
        await using var host = await FakeS3Host.StartAsync(o => o.Buckets.Add("clock"));
        using var s3 = host.CreateS3Client();
        await HarnessClient.PutAsync(s3, "clock", "k.txt", "x");
        var url = HarnessClient.PresignGet(s3, "clock", "k.txt", TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await host.HttpClient.GetAsync(url)).StatusCode);

        await Move(host, TimeSpan.FromMinutes(11), throughAdminApi);

        var response = await host.HttpClient.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Request has expired", await response.Content.ReadAsStringAsync());
        Assert.Contains("test clock", host.Requests.Latest!.Explanation);
    }

    [Fact]
    public async Task PresignedGet_FetchedAgain_IsStillCheckedForExpiryAndTampering()
    {
        // A URL verified once is not re-hashed on later fetches (PresignedSignatureCache): the checks must still run.
        await using var host = await FakeS3Host.StartAsync(o => o.Buckets.Add("again"));
        using var s3 = host.CreateS3Client();
        await HarnessClient.PutAsync(s3, "again", "k.txt", "x");
        var url = HarnessClient.PresignGet(s3, "again", "k.txt", TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await host.HttpClient.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.HttpClient.GetAsync(url)).StatusCode);

        var at = url.IndexOf("X-Amz-Signature=", StringComparison.Ordinal) + "X-Amz-Signature=".Length;
        var tampered = url[..at] + (url[at] == 'a' ? 'b' : 'a') + url[(at + 1)..];
        var refused = await host.HttpClient.GetAsync(tampered);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", await refused.Content.ReadAsStringAsync());

        host.Clock.Advance(TimeSpan.FromMinutes(11));
        var expired = await host.HttpClient.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Contains("Request has expired", await expired.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PresignedGet_NotYetValidWhenTheClockIsMovedBack(bool throughAdminApi)
    {
        await using var host = await FakeS3Host.StartAsync(o => o.Buckets.Add("clock"));
        using var s3 = host.CreateS3Client();
        var url = HarnessClient.PresignGet(s3, "clock", "k.txt", TimeSpan.FromMinutes(10));
        await Move(host, TimeSpan.FromHours(-1), throughAdminApi);
        var response = await host.HttpClient.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Request is not yet valid", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HeaderAuth_TooSkewedWhenTheClockMovesPastTheSkewLimit(bool throughAdminApi)
    {
        // Kestrel: a port of its own, so the SDK's per-endpoint clock-skew correction cannot leak into other tests.
        await using var host = await FakeS3Host.StartAsync(useKestrel: true);
        using var s3 = host.CreateS3Client();
        await s3.ListBucketsAsync();
        await Move(host, TimeSpan.FromMinutes(20), throughAdminApi);
        var e = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.ListBucketsAsync());
        Assert.Equal("RequestTimeTooSkewed", e.ErrorCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PostPolicy_ExpiresWhenTheClockPassesItsExpiration(bool throughAdminApi)
    {
        await using var host = await FakeS3Host.StartAsync(o => o.Buckets.Add("forms"));
        using var s3 = host.CreateS3Client();
        var post = await s3.CreatePresignedPostAsync(new CreatePresignedPostRequest
        {
            BucketName = "forms", Key = "upload.txt", Expires = DateTime.UtcNow.AddMinutes(10),
        });
        var fields = new Dictionary<string, string>(post.Fields);
        Assert.True((await HarnessClient.ExplainAsync(host, new { fields })).GetProperty("accepted").GetBoolean());

        await Move(host, TimeSpan.FromMinutes(11), throughAdminApi);

        var explained = await HarnessClient.ExplainAsync(host, new { fields });
        Assert.False(explained.GetProperty("accepted").GetBoolean());
        Assert.Contains("Policy expired", explained.GetProperty("reason").GetString());
        var response = await host.HttpClient.PostAsync(post.Url, HarnessClient.Form(fields, "upload.txt", "data"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Policy expired", await response.Content.ReadAsStringAsync());
    }

    static Task Move(FakeS3Host host, TimeSpan by, bool throughAdminApi)
    {
        if (throughAdminApi) return HarnessClient.AdvanceThroughAdminAsync(host, by.TotalSeconds);
        host.Clock.Advance(by);
        return Task.CompletedTask;
    }
}
