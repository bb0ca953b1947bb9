using FakeS3.Load.Simulation;

namespace FakeS3.Load.Scenarios;

/// <summary>PUT small objects to distinct keys, each through its own freshly presigned URL; the ETag must be the body's MD5.</summary>
public static class PresignedPutScenario
{
    public const string Name = "presigned-put";

    public static Scenario Create(LoadContext ctx) => WriteScenario.Create(Name, ctx, PutAsync);

    public static async Task<StepResult> PutAsync(LoadContext ctx, WrittenSample written, long n, CancellationToken ct)
    {
        var key = ctx.Key("put", n);
        int seed = LoadContext.SeedOf(n);
        var (body, etag) = ctx.Body(seed);
        var request = new HttpRequestMessage(HttpMethod.Put, ctx.Presigner.PresignPut(key, LoadContext.InOneHour()))
        {
            Content = new ByteArrayContent(body),
        };
        var result = await ctx.Http.SendAsync(request, "PUT", body.Length, ct,
            (response, _) => Task.FromResult(S3.S3Http.CheckETag(response, "PUT", etag)));
        if (result.Outcome == StepOutcome.Ok) written.Add(key, seed, body.Length);
        return result;
    }
}
