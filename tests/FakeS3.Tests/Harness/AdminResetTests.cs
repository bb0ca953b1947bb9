using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using Amazon.S3.Model;
using FakeS3.Storage;
using FakeS3.Testing;

namespace FakeS3.Tests.Harness;

public class AdminResetTests
{
    [Fact]
    public async Task PostReset_EmptiesTheStore_AndRecreatesConfiguredBuckets()
    {
        await using var host = await FakeS3Host.StartAsync(o => o.Buckets.Add("configured"));
        using var s3 = host.CreateS3Client();
        await s3.PutBucketAsync("extra");
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "configured", Key = "a.txt", ContentBody = "hello" });

        (await host.HttpClient.PostAsync("/_fakes3/reset", JsonContent.Create(new { }))).EnsureSuccessStatusCode();

        var store = host.Services.GetRequiredService<IObjectStore>();
        Assert.Equal(["configured"], store.ListBuckets().Select(b => b.Id));
        Assert.Null(store.GetObject("configured", "a.txt"));
    }

    [Fact]
    public async Task HostReset_EmptiesTheStore()
    {
        await using var host = await FakeS3Host.StartAsync();
        using var s3 = host.CreateS3Client();
        await s3.PutBucketAsync("gone");
        host.Reset();
        Assert.Empty((await s3.ListBucketsAsync()).Buckets ?? []);
    }

    [Fact]
    public async Task GetReset_Is405()
    {
        await using var host = await FakeS3Host.StartAsync();
        Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, (await host.HttpClient.GetAsync("/_fakes3/reset")).StatusCode);
    }
}
