using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Load.Simulation;

namespace FakeS3.Load.Scenarios;

/// <summary>
/// AWSSDK.S3 PutObject with the SDK's default checksum behaviour: the body goes aws-chunked with signed chunks
/// and a CRC32 trailer, which is the path most application code takes.
/// </summary>
public static class SdkPutScenario
{
    public const string Name = "sdk-put";

    public static Scenario Create(LoadContext ctx) => WriteScenario.Create(Name, ctx, PutAsync);

    public static async Task<StepResult> PutAsync(LoadContext ctx, WrittenSample written, long n, CancellationToken ct)
    {
        var key = ctx.Key("sdk", n);
        int seed = LoadContext.SeedOf(n);
        var (body, etag) = ctx.Body(seed);
        try
        {
            var response = await ctx.Presigner.Client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = ctx.Target.Bucket,
                Key = key,
                InputStream = new MemoryStream(body, writable: false),
                AutoCloseStream = true,
            }, ct);
            int status = (int)response.HttpStatusCode;
            if (etag is not null && response.ETag is { Length: 34 } tag && !string.Equals(tag, etag, StringComparison.OrdinalIgnoreCase))
                return new StepResult(StepOutcome.Corrupted, status, "ETagMismatch", body.Length, 0, "SDK PutObject");
            written.Add(key, seed, body.Length);
            return StepResult.Ok("SDK PutObject", status, body.Length, 0);
        }
        catch (AmazonS3Exception e) when (e.StatusCode != 0)
        {
            return StepResult.Fail("SDK PutObject", (int)e.StatusCode, e.ErrorCode ?? "", body.Length);
        }
    }
}
