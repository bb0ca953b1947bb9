using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.S3;
using FakeS3.Testing;

namespace FakeS3.Tests.Harness;

public class RequestLogTests
{
    [Fact]
    public async Task EveryRequestIsRecorded_NewestFirst_AdminRequestsAreNot()
    {
        await using var host = await FakeS3Host.StartAsync();
        using var s3 = host.CreateS3Client();
        await s3.PutBucketAsync("logged");
        await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.GetObjectAsync("missing-bucket", "k"));
        await host.HttpClient.GetAsync("/_fakes3/clock");

        var entries = host.Requests.Snapshot();
        Assert.Equal(2, entries.Count);
        Assert.Equal("GET", entries[0].Method);
        Assert.Equal(404, entries[0].Status);
        Assert.Equal("NoSuchBucket", entries[0].ErrorCode);
        Assert.False(string.IsNullOrEmpty(entries[0].Explanation));
        Assert.Equal("PUT", entries[1].Method);
        Assert.Equal(200, entries[1].Status);
        Assert.Null(entries[1].ErrorCode);
        Assert.StartsWith("/logged", entries[1].Path);
        Assert.Equal(host.Options.EffectiveCredentials[0].AccessKeyId, entries[1].AccessKeyId);
        Assert.StartsWith("SigV4", entries[1].AuthKind);
    }

    [Fact]
    public async Task AdminApi_FiltersRejected_AndLimits()
    {
        await using var host = await FakeS3Host.StartAsync();
        using var s3 = host.CreateS3Client();
        await s3.PutBucketAsync("ok-bucket");
        await s3.PutBucketAsync("ok-bucket-2");
        await host.HttpClient.GetAsync("/ok-bucket/key"); // anonymous on a private bucket: rejected

        var all = await host.HttpClient.GetFromJsonAsync<JsonElement>("/_fakes3/requests");
        Assert.Equal(3, all.GetArrayLength());
        var rejected = await host.HttpClient.GetFromJsonAsync<JsonElement>("/_fakes3/requests?rejected=true");
        Assert.Equal(1, rejected.GetArrayLength());
        Assert.Equal(403, rejected[0].GetProperty("status").GetInt32());
        Assert.Contains("no signature", rejected[0].GetProperty("explanation").GetString());
        var limited = await host.HttpClient.GetFromJsonAsync<JsonElement>("/_fakes3/requests?limit=1");
        Assert.Equal(1, limited.GetArrayLength());
        Assert.Equal("/ok-bucket/key", limited[0].GetProperty("path").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await host.HttpClient.DeleteAsync("/_fakes3/requests")).StatusCode);
        Assert.Empty(host.Requests.Snapshot());
    }

    [Fact]
    public async Task Path_HasSignatureValuesRedacted()
    {
        await using var host = await FakeS3Host.StartAsync();
        var signature = new string('a', 64);
        await host.HttpClient.GetAsync($"/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature={signature}&x=1");
        var path = host.Requests.Latest!.Path;
        Assert.DoesNotContain(signature, path);
        Assert.Contains("X-Amz-Signature=aaaaaaaa...&x=1", path);
    }

    [Fact]
    public void Ring_DropsOldestBeyondCapacity()
    {
        var log = new Diagnostics.RequestLog(3);
        for (var i = 0; i < 5; i++)
            log.Add(new Diagnostics.RequestLogEntry(DateTimeOffset.UnixEpoch, "GET", "/" + i, null, "Anonymous", null, 200, null, 1, null, null));
        Assert.Equal(["/4", "/3", "/2"], log.Snapshot().Select(e => e.Path));
    }

    [Fact]
    public async Task ExplanationHeader_OffByDefault_OnWhenConfigured()
    {
        await using (var plain = await FakeS3Host.StartAsync())
        {
            var response = await plain.HttpClient.GetAsync("/nope-bucket/key");
            Assert.False(response.Headers.Contains("x-fakes3-explanation"));
        }
        await using var explained = await FakeS3Host.StartAsync(o =>
        {
            o.ExplanationHeader = true;
            o.Buckets.Add("private-bucket");
        });
        var r = await explained.HttpClient.GetAsync("/private-bucket/key");
        Assert.Contains("no signature", r.Headers.GetValues("x-fakes3-explanation").Single());
    }
}
