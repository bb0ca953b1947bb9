using System.Net.Http.Json;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Faults;
using FakeS3.Testing;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Faults;

/// <summary>One rule, three ways in (configuration, admin API, in-process host): the same behaviour, counters and log.</summary>
public sealed class FaultSourceParityTests
{
    const string Bucket = "parity";

    static readonly Dictionary<string, string?> RuleAsConfiguration = new()
    {
        ["FakeS3:Buckets:0"] = Bucket,
        ["FakeS3:Faults:0:Id"] = "slow-in",
        ["FakeS3:Faults:0:Operation"] = "PutObject",
        ["FakeS3:Faults:0:Bucket"] = Bucket,
        ["FakeS3:Faults:0:KeyPrefix"] = "in/",
        ["FakeS3:Faults:0:Error"] = "SlowDown",
        ["FakeS3:Faults:0:Times"] = "2",
    };

    [Theory]
    [InlineData("configuration")]
    [InlineData("admin")]
    [InlineData("host")]
    public async Task SameRule_SameBehaviourCountersAndLog(string source)
    {
        var settings = source == "configuration" ? RuleAsConfiguration : new Dictionary<string, string?> { ["FakeS3:Buckets:0"] = Bucket };
        await using var s3 = await TestFakeS3.StartAsync(kestrel: false, settings: settings);
        using var http = s3.CreateHttpClient();
        if (source == "admin")
        {
            (await http.PostAsJsonAsync("/_fakes3/faults", new
            {
                id = "slow-in", operation = "PutObject", bucket = Bucket, keyPrefix = "in/", error = "SlowDown", times = 2,
            })).EnsureSuccessStatusCode();
        }
        if (source == "host")
        {
            s3.Faults().Add(new FaultRule { Id = "slow-in", Operation = "PutObject", Bucket = Bucket, KeyPrefix = "in/", Error = "SlowDown", Times = 2 });
        }
        using var client = s3.CreateS3Client(); // default retries

        await client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "out/a", ContentBody = "untouched" });
        await client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "in/b", ContentBody = "retried" });

        var rule = Assert.Single((await http.GetFromJsonAsync<JsonElement>("/_fakes3/faults")).EnumerateArray());
        Assert.Equal(("slow-in", 3, 2, true), (rule.GetProperty("id").GetString(), rule.GetProperty("matched").GetInt64(),
            rule.GetProperty("hits").GetInt64(), rule.GetProperty("exhausted").GetBoolean()));
        var log = s3.Entries("PutObject").Select(e => (Key: e.Path.Split('?')[0], e.Status, e.ErrorCode, Rule: e.Fault?.RuleId)).ToList();
        Assert.Equal(
        [
            ("/parity/out/a", 200, null, null), ("/parity/in/b", 503, "SlowDown", "slow-in"),
            ("/parity/in/b", 503, "SlowDown", "slow-in"), ("/parity/in/b", 200, null, null),
        ], log);
        Assert.Equal("retried"u8.ToArray(), await FaultTestKit.BytesAsync(client, Bucket, "in/b"));
    }

    [Fact]
    public async Task FakeS3Host_FaultsAdd_ReturnsAHandle_DisposeRemovesTheRule()
    {
        await using var host = await FakeS3Host.StartAsync(o => o.Buckets.Add("host-faults"));
        using var s3 = host.CreateS3Client(); // the host's client does not retry

        using (var fault = host.Faults.Add(new FaultRule { Operation = "PutObject", Error = "ServiceUnavailable", RetryAfterSeconds = 3 }))
        {
            var e = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
                s3.PutObjectAsync(new PutObjectRequest { BucketName = "host-faults", Key = "k", ContentBody = "x" }));
            Assert.Equal(("ServiceUnavailable", "Reduce your request rate.", 1L), (e.ErrorCode, e.Message, fault.Hits));
            Assert.Equal(fault.Id, host.Requests.Latest!.Fault?.RuleId);
            Assert.Contains(fault.Id, host.Requests.Latest!.Explanation);
        }

        Assert.Empty(host.Faults.List());
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "host-faults", Key = "k", ContentBody = "x" });
        Assert.Null(host.Requests.Latest!.Fault);
    }

    [Fact]
    public async Task FakeS3Host_InvalidRule_ThrowsArgumentException()
    {
        await using var host = await FakeS3Host.StartAsync();
        var e = Assert.Throws<ArgumentException>(() => host.Faults.Add(new FaultRule { Operation = "PutObject", Error = "Nope" }));
        Assert.Contains("Error 'Nope'", e.Message);
    }
}
