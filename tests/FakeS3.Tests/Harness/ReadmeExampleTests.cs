// The example from docs/harness.md, compiled and run as a test: keep the two in sync.
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Testing;

namespace FakeS3.Tests.Harness;

public class ReadmeExampleTests : IAsyncLifetime
{
    FakeS3Host _s3 = null!;

    public async Task InitializeAsync() => _s3 = await FakeS3Host.StartAsync(o => o.Buckets.Add("uploads"));

    public async Task DisposeAsync() => await _s3.DisposeAsync();

    [Fact]
    public async Task PresignedGet_ExpiresAfterOneHour()
    {
        using var client = _s3.CreateS3Client();
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "uploads", Key = "a.txt", ContentBody = "hi" });
        var url = await client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = "uploads", Key = "a.txt", Verb = HttpVerb.GET,
            Expires = DateTime.UtcNow.AddHours(1), Protocol = Protocol.HTTP,
        });

        Assert.Equal(HttpStatusCode.OK, (await _s3.HttpClient.GetAsync(url)).StatusCode);

        _s3.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(5)); // no sleeping
        var expired = await _s3.HttpClient.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Contains("expired", _s3.Requests.Latest!.Explanation, StringComparison.OrdinalIgnoreCase);
    }
}
