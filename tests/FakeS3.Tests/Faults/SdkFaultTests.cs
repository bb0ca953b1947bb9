using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Transfer;
using FakeS3.Faults;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Faults;

/// <summary>AWSSDK.S3 with its default retry settings against injected faults, over real Kestrel.</summary>
public sealed class SdkFaultTests
{
    [Fact]
    public async Task PutObject_TwoSlowDowns_SdkRetriesAndStoresOnce()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("retry-put");
        using var rule = s3.Faults().Add(new FaultRule { Operation = "PutObject", Error = "SlowDown", Times = 2 });

        await client.PutObjectAsync(new PutObjectRequest { BucketName = "retry-put", Key = "k", ContentBody = "after two SlowDowns" });

        Assert.Equal(2, rule.Hits);
        Assert.Equal("after two SlowDowns"u8.ToArray(), await FaultTestKit.BytesAsync(client, "retry-put", "k"));
        var puts = s3.Entries("PutObject");
        Assert.Equal(3, puts.Count);
        Assert.All(puts.Take(2), e => Assert.Equal((503, "SlowDown", rule.Id), (e.Status, e.ErrorCode, e.Fault?.RuleId)));
        Assert.Equal((200, null), (puts[2].Status, puts[2].Fault));
    }

    [Fact]
    public async Task GetObject_TwoSlowDowns_SdkRetriesAndReadsTheObject()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("retry-get");
        var data = FaultTestKit.Data(100_000);
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "retry-get", Key = "k", InputStream = new MemoryStream(data) });
        using var rule = s3.Faults().Add(new FaultRule { Operation = "GetObject", Error = "SlowDown", Times = 2 });

        Assert.Equal(data, await FaultTestKit.BytesAsync(client, "retry-get", "k"));
        Assert.Equal(2, rule.Hits);
        Assert.Equal([503, 503, 200], s3.Entries("GetObject").Select(e => e.Status));
    }

    [Theory]
    [InlineData("PutObject")]
    [InlineData("GetObject")]
    public async Task SlowDownOnEveryAttempt_SdkGivesUpWithTheCode_AndNothingIsStored(string operation)
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("budget");
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "budget", Key = "old", ContentBody = "old body" });
        var rule = s3.Faults().Add(new FaultRule { Operation = operation, Error = "SlowDown" });

        var e = await Assert.ThrowsAsync<AmazonS3Exception>(() => operation == "PutObject"
            ? client.PutObjectAsync(new PutObjectRequest { BucketName = "budget", Key = "old", ContentBody = "new body" })
            : client.GetObjectAsync("budget", "old"));

        Assert.Equal("SlowDown", e.ErrorCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.StatusCode);
        Assert.Equal("Please reduce your request rate.", e.Message);
        // Every attempt the SDK's default budget allows (first try + MaxErrorRetry) met the fault.
        Assert.Equal(client.Config.MaxErrorRetry + 1, rule.Hits);
        Assert.True(rule.Hits > 1, "the SDK retried");
        rule.Dispose();
        Assert.Equal("old body"u8.ToArray(), await FaultTestKit.BytesAsync(client, "budget", "old"));
    }

    [Fact]
    public async Task TransferUtility_OneUploadPartRefusedAfterItsBody_CompletedObjectIsByteExact()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("mpu");
        var data = FaultTestKit.Data(17 * 1024 * 1024 + 123);
        var path = Path.Combine(Path.GetTempPath(), "fakes3-fault-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(path, data);
        try
        {
            using var rule = s3.Faults().Add(new FaultRule { Operation = "UploadPart", Error = "InternalError", ErrorAfterBody = true, Times = 1 });
            using var transfer = new TransferUtility(client);
            await transfer.UploadAsync(path, "mpu", "big.bin");

            Assert.Equal(1, rule.Hits);
            Assert.Equal(SHA256.HashData(data), SHA256.HashData(await FaultTestKit.BytesAsync(client, "mpu", "big.bin")));
            var parts = s3.Entries("UploadPart");
            var failed = Assert.Single(parts, p => p.Fault is not null);
            Assert.Equal((500, "InternalError"), (failed.Status, failed.ErrorCode));
            Assert.Equal(parts.Count(p => p.Status == 200) + 1, parts.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task GetObject_ResetAfterBytes_ReadFailsNeverAShortBody()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("reset");
        var data = FaultTestKit.Data(256 * 1024);
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "reset", Key = "k", InputStream = new MemoryStream(data) });
        using var rule = s3.Faults().Add(new FaultRule { Operation = "GetObject", ResetAfterBytes = 1000, Times = 1 });

        var error = await Record.ExceptionAsync(() => FaultTestKit.BytesAsync(client, "reset", "k"));

        // The SDK returned the response after the headers; the body then ended 1000 bytes in.
        Assert.NotNull(error);
        Assert.Contains("ended prematurely", error.ToString());
        Assert.Equal(1, rule.Hits);
        Assert.Equal(data, await FaultTestKit.BytesAsync(client, "reset", "k"));
    }

    [Fact]
    public async Task PutObject_ConnectionResetBeforeTheAnswer_SdkRetries_LogShowsNoAnswer()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("reset-put");
        using var rule = s3.Faults().Add(new FaultRule { Operation = "PutObject", ResetConnection = true, Times = 1 });

        await client.PutObjectAsync(new PutObjectRequest { BucketName = "reset-put", Key = "k", ContentBody = "second try" });

        Assert.Equal(1, rule.Hits);
        Assert.Equal("second try"u8.ToArray(), await FaultTestKit.BytesAsync(client, "reset-put", "k"));
        var puts = s3.Entries("PutObject");
        Assert.Equal((0, rule.Id), (puts[0].Status, puts[0].Fault?.RuleId));
        Assert.Equal(200, puts[1].Status);
    }

    [Fact]
    public async Task Latency2s_SdkWith1sTimeout_TimesOutThenItsRetrySucceeds()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client(configure: c => c.Timeout = TimeSpan.FromSeconds(1));
        await client.PutBucketAsync("slow");
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "slow", Key = "k", ContentBody = "late" });
        using var rule = s3.Faults().Add(new FaultRule { Operation = "GetObject", LatencyMs = 2000, Times = 1 });

        var clock = Stopwatch.StartNew();
        Assert.Equal("late"u8.ToArray(), await FaultTestKit.BytesAsync(client, "slow", "k"));
        clock.Stop();

        Assert.Equal(1, rule.Hits);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"the first attempt waited for its timeout ({clock.Elapsed})");
        // The first attempt is the delayed one (its client hung up after 1 s); the retry got the object.
        var gets = await s3.WaitForEntriesAsync("GetObject", 2);
        Assert.Equal(2, gets.Count);
        Assert.Single(gets, e => e.Fault?.RuleId == rule.Id);
        Assert.Single(gets, e => e.Fault is null && e.Status == 200);
    }

    [Fact]
    public async Task Latency2s_HttpClientWith1sTimeout_TimesOut()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("slow-http");
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "slow-http", Key = "k", ContentBody = "late" });
        using var rule = s3.Faults().Add(new FaultRule { Operation = "GetObject", Auth = FaultAuth.Presigned, LatencyMs = 2000 });
        var url = client.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = "slow-http", Key = "k", Verb = HttpVerb.GET, Expires = DateTime.UtcNow.AddMinutes(5), Protocol = Protocol.HTTP,
        });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };

        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<TaskCanceledException>(() => http.GetAsync(url));

        Assert.IsType<TimeoutException>(e.InnerException);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.9), clock.Elapsed.ToString());
        Assert.Equal(1, rule.Hits);
    }
}
