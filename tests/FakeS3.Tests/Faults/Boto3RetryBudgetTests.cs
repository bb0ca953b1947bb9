using FakeS3.Faults;

namespace FakeS3.Tests.Faults;

/// <summary>
/// boto3's default (legacy) budget is 5 attempts with up to 15 s of randomised backoff: PutObject and GetObject
/// run side by side in one process, in their own test class, so the waits overlap with the rest of the suite.
/// </summary>
public sealed class Boto3RetryBudgetTests
{
    [Fact]
    public async Task SlowDownOnEveryAttempt_Boto3GivesUpWithTheCode_NothingStored()
    {
        var (s3, client) = await Boto3FaultTests.StartAsync("b3-budget");
        await using var _ = s3;
        using var client_ = client;
        await client.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = "b3-budget", Key = "k", ContentBody = "old body" });
        var put = s3.Faults().Add(new FaultRule { Operation = "PutObject", Error = "SlowDown" });
        var get = s3.Faults().Add(new FaultRule { Operation = "GetObject", Error = "SlowDown" });

        var output = await Boto3FaultTests.RunAsync(s3, """
            import threading
            results = {}
            def attempt(name, call):
                c = boto3.client("s3", endpoint_url=os.environ["FAKES3_ENDPOINT"], region_name="us-east-1")
                try:
                    call(c)
                    results[name] = "no error surfaced"
                except ClientError as e:
                    meta = e.response["ResponseMetadata"]
                    results[name] = (e.response["Error"]["Code"], meta["HTTPStatusCode"], meta["RetryAttempts"] + 1)
            threads = [
                threading.Thread(target=attempt, args=("put", lambda c: c.put_object(Bucket="b3-budget", Key="k", Body=b"new body"))),
                threading.Thread(target=attempt, args=("get", lambda c: c.get_object(Bucket="b3-budget", Key="k")["Body"].read())),
            ]
            for t in threads: t.start()
            for t in threads: t.join()
            for name in ("put", "get"):
                code, status, attempts = results[name]
                assert (code, status) == ("SlowDown", 503), results
                print(name, attempts)
            """);

        var attempts = output.Split('\n').Where(l => l.StartsWith("put ") || l.StartsWith("get "))
            .ToDictionary(l => l[..3], l => long.Parse(l[4..].Trim()));
        Assert.True(attempts["put"] > 1 && attempts["get"] > 1, output);
        Assert.Equal((attempts["put"], attempts["get"]), (put.Hits, get.Hits));
        put.Dispose();
        get.Dispose();
        Assert.Equal("old body"u8.ToArray(), await FaultTestKit.BytesAsync(client, "b3-budget", "k"));
    }
}
