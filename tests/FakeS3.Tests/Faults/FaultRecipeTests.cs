// The fault examples from docs/harness.md and the README recipes, compiled and run as tests: keep them in sync.
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Faults;
using FakeS3.Testing;

namespace FakeS3.Tests.Faults;

public class FaultRecipeTests : IAsyncLifetime
{
    FakeS3Host _s3 = null!;

    public async Task InitializeAsync() => _s3 = await FakeS3Host.StartAsync(o => o.Buckets.Add("reports"));

    public async Task DisposeAsync() => await _s3.DisposeAsync();

    [Fact]
    public async Task Upload_RetriesOnSlowDown()
    {
        using var client = _s3.CreateRetryingS3Client();
        using var fault = _s3.Faults.Add(new FaultRule { Operation = "PutObject", Error = "SlowDown", Times = 2 });

        await client.PutObjectAsync(new PutObjectRequest { BucketName = "reports", Key = "q3.csv", ContentBody = "a,b" });

        Assert.Equal(2, fault.Hits);
    }

    [Fact]
    public async Task Reader_GivesUpAfterItsRetryBudget()
    {
        using var client = _s3.CreateRetryingS3Client();
        using var fault = _s3.Faults.Add(new FaultRule { Operation = "GetObject", Bucket = "reports", Error = "InternalError" });

        var e = await Assert.ThrowsAsync<AmazonS3Exception>(() => client.GetObjectAsync("reports", "q3.csv"));

        Assert.Equal("InternalError", e.ErrorCode);
        Assert.Equal(3, fault.Hits); // AWSSDK.S3 4.1: 3 attempts by default
    }
}
