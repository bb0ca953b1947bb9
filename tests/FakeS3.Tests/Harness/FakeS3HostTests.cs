using Amazon.S3.Model;
using FakeS3.Testing;

namespace FakeS3.Tests.Harness;

public class FakeS3HostTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SdkPutThenGet_RoundTrips(bool useKestrel)
    {
        await using var host = await FakeS3Host.StartAsync(o => o.Buckets.Add("roundtrip"), useKestrel);
        using var s3 = host.CreateS3Client();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "roundtrip", Key = "dir/a b.txt", ContentBody = "hello harness" });
        using var get = await s3.GetObjectAsync("roundtrip", "dir/a b.txt");
        using var reader = new StreamReader(get.ResponseStream);
        Assert.Equal("hello harness", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task Kestrel_ListensOnLoopbackWithAFreePort()
    {
        await using var host = await FakeS3Host.StartAsync(useKestrel: true);
        Assert.Equal("127.0.0.1", host.BaseAddress.Host);
        Assert.NotEqual(0, host.BaseAddress.Port);
        var response = await host.HttpClient.GetAsync("/_fakes3/clock");
        response.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task TwoHosts_AreIsolated()
    {
        await using var a = await FakeS3Host.StartAsync();
        await using var b = await FakeS3Host.StartAsync();
        using var s3a = a.CreateS3Client();
        using var s3b = b.CreateS3Client();
        await s3a.PutBucketAsync("only-in-a");
        Assert.Empty((await s3b.ListBucketsAsync()).Buckets ?? []);
        a.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(Clock.FakeS3ClockMode.Real, b.Clock.Mode);
    }

    [Fact]
    public async Task Dispose_StopsTheServer()
    {
        var host = await FakeS3Host.StartAsync(useKestrel: true);
        var address = host.BaseAddress;
        await host.DisposeAsync();
        using var client = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(address, "/_fakes3/clock")));
    }
}
