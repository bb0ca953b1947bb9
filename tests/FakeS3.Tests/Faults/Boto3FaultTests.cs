using FakeS3.Faults;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Faults;

/// <summary>boto3 with its default retry settings against injected faults (python3 + boto3, real Kestrel).</summary>
public sealed class Boto3FaultTests
{
    const string Prelude = """
        import hashlib, os, sys, time, boto3, botocore
        from botocore.config import Config
        from botocore.exceptions import ClientError
        s3 = boto3.client("s3", endpoint_url=os.environ["FAKES3_ENDPOINT"], region_name="us-east-1")

        """;

    internal static async Task<(TestFakeS3 S3, Amazon.S3.AmazonS3Client Client)> StartAsync(string bucket)
    {
        var s3 = await TestFakeS3.StartAsync();
        var client = s3.CreateS3Client();
        await client.PutBucketAsync(bucket);
        return (s3, client);
    }

    internal static async Task<string> RunAsync(TestFakeS3 s3, string script)
    {
        var (exit, output) = await ExternalTool.PythonAsync(Prelude + script, s3);
        Assert.True(exit == 0, output);
        return output;
    }

    [Fact]
    public async Task PutAndGet_TwoSlowDownsEach_Boto3RetriesAndSucceeds()
    {
        var (s3, client) = await StartAsync("b3-retry");
        await using var _ = s3;
        using var client_ = client;
        using var put = s3.Faults().Add(new FaultRule { Operation = "PutObject", Error = "SlowDown", Times = 2 });
        using var get = s3.Faults().Add(new FaultRule { Operation = "GetObject", Error = "SlowDown", Times = 2 });

        await RunAsync(s3, """
            r = s3.put_object(Bucket="b3-retry", Key="k", Body=b"boto3 body")
            assert r["ResponseMetadata"]["RetryAttempts"] == 2, r["ResponseMetadata"]
            r = s3.get_object(Bucket="b3-retry", Key="k")
            assert r["Body"].read() == b"boto3 body"
            assert r["ResponseMetadata"]["RetryAttempts"] == 2, r["ResponseMetadata"]
            """);

        Assert.Equal((2, 2), (put.Hits, get.Hits));
        Assert.Equal([503, 503, 200], s3.Entries("PutObject").Select(e => e.Status));
    }

    [Fact]
    public async Task ErrorBeforeTheBody_Boto3ReusesTheConnection_NextPutWorks()
    {
        var (s3, client) = await StartAsync("b3-keepalive");
        await using var _ = s3;
        using var client_ = client;

        // boto3 sends Expect: 100-continue; an error instead of 100 means its body never comes.
        await RunAsync(s3, """
            try:
                s3.put_object(Bucket="no-such-bucket-here", Key="k", Body=b"never sent")
                sys.exit("no error")
            except ClientError as e:
                assert e.response["Error"]["Code"] == "NoSuchBucket", e.response
            r = s3.put_object(Bucket="b3-keepalive", Key="k", Body=b"next request")
            assert r["ResponseMetadata"]["RetryAttempts"] == 0, r["ResponseMetadata"]
            """);

        Assert.Equal("next request"u8.ToArray(), await FaultTestKit.BytesAsync(client, "b3-keepalive", "k"));
    }

    [Fact]
    public async Task UploadFile_OneUploadPartRefusedAfterItsBody_ObjectIsByteExact()
    {
        var (s3, client) = await StartAsync("b3-mpu");
        await using var _ = s3;
        using var client_ = client;
        using var rule = s3.Faults().Add(new FaultRule { Operation = "UploadPart", Error = "InternalError", ErrorAfterBody = true, Times = 1 });

        await RunAsync(s3, """
            import random, tempfile
            data = random.Random(15).randbytes(20 * 1024 * 1024 + 7)
            with tempfile.NamedTemporaryFile() as f:
                f.write(data); f.flush()
                s3.upload_file(f.name, "b3-mpu", "big.bin")
            got = s3.get_object(Bucket="b3-mpu", Key="big.bin")["Body"].read()
            assert hashlib.sha256(got).digest() == hashlib.sha256(data).digest(), (len(got), len(data))
            """);

        Assert.Equal(1, rule.Hits);
        var parts = s3.Entries("UploadPart");
        Assert.Equal(4, parts.Count); // 3 parts of 8 MiB, one of them twice
        Assert.Equal((500, "InternalError"), (parts.Single(p => p.Fault is not null).Status, parts.Single(p => p.Fault is not null).ErrorCode));
    }

    [Fact]
    public async Task GetResetAfterBytes_ReadRaises_DownloadFileRetries_NeverAShortBody()
    {
        var (s3, client) = await StartAsync("b3-reset");
        await using var _ = s3;
        using var client_ = client;
        var data = FaultTestKit.Data(256 * 1024);
        await client.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = "b3-reset", Key = "k", InputStream = new MemoryStream(data) });
        using var rule = s3.Faults().Add(new FaultRule { Operation = "GetObject", ResetAfterBytes = 5000, Times = 2 });

        await RunAsync(s3, """
            import tempfile
            body = s3.get_object(Bucket="b3-reset", Key="k")["Body"]
            try:
                got = body.read()
                sys.exit(f"short success: {len(got)} bytes")
            except (botocore.exceptions.IncompleteReadError, botocore.exceptions.ResponseStreamingError) as e:
                print("read raised", type(e).__name__)
            with tempfile.TemporaryDirectory() as d:
                s3.download_file("b3-reset", "k", d + "/k")
                size = os.path.getsize(d + "/k")
                assert size == 256 * 1024, size
            """);

        Assert.Equal(2, rule.Hits);
        Assert.Equal(3, s3.Entries("GetObject").Count);
    }

    [Fact]
    public async Task Latency2s_Boto3With1sReadTimeout_TimesOutThenItsRetrySucceeds()
    {
        var (s3, client) = await StartAsync("b3-slow");
        await using var _ = s3;
        using var client_ = client;
        await client.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = "b3-slow", Key = "k", ContentBody = "late" });
        using var rule = s3.Faults().Add(new FaultRule { Operation = "GetObject", LatencyMs = 2000, Times = 1 });

        await RunAsync(s3, """
            c = boto3.client("s3", endpoint_url=os.environ["FAKES3_ENDPOINT"], region_name="us-east-1",
                             config=Config(read_timeout=1, connect_timeout=1))
            start = time.monotonic()
            r = c.get_object(Bucket="b3-slow", Key="k")
            assert r["Body"].read() == b"late"
            assert r["ResponseMetadata"]["RetryAttempts"] == 1, r["ResponseMetadata"]
            assert time.monotonic() - start >= 0.9
            """);

        Assert.Equal(1, rule.Hits);
        var gets = await s3.WaitForEntriesAsync("GetObject", 2);
        Assert.Single(gets, e => e.Fault?.RuleId == rule.Id);
        Assert.Single(gets, e => e.Fault is null && e.Status == 200);
    }
}
