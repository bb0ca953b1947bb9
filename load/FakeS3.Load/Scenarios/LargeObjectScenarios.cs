using FakeS3.Load.S3;
using FakeS3.Load.Simulation;

namespace FakeS3.Load.Scenarios;

/// <summary>
/// Large-object GET and PUT, streamed both ways (the runner holds 64 KiB per request, whatever the size).
/// PUTs cycle over a few keys so a long run does not fill the server's disk.
/// </summary>
public static class LargeObjectScenarios
{
    public const string GetName = "large-get";
    public const string PutName = "large-put";
    private const int Keys = 4;

    public static Scenario CreateGet(LoadContext ctx)
    {
        var urls = new Uri[Keys];
        return new Scenario(GetName, (step, ct) =>
        {
            int i = (int)(step.InvocationNumber % Keys);
            return new ValueTask<StepResult>(ctx.GetAndCompareAsync(urls[i], i, ctx.ObjectSize, "GET large", ct));
        })
        {
            Init = async ct =>
            {
                await ctx.EnsureBucketAsync(ct);
                for (int i = 0; i < Keys; i++)
                {
                    var key = ctx.Key("large-get", i);
                    await ctx.PutSeedObjectAsync(key, i, ctx.ObjectSize, ct);
                    urls[i] = ctx.Presigner.PresignGet(key, LoadContext.InOneHour());
                }
            },
        };
    }

    public static Scenario CreatePut(LoadContext ctx)
    {
        var written = new WrittenSample(1);
        return new Scenario(PutName, async (step, ct) =>
        {
            int i = (int)(step.InvocationNumber % Keys);
            var key = ctx.Key("large-put", i);
            var request = new HttpRequestMessage(HttpMethod.Put, ctx.Presigner.PresignPut(key, LoadContext.InOneHour()))
            {
                Content = new PatternContent(i, ctx.ObjectSize),
            };
            var result = await ctx.Http.SendAsync(request, "PUT large", ctx.ObjectSize, ct);
            if (result.Outcome == StepOutcome.Ok) written.Add(key, i, ctx.ObjectSize);
            return result;
        })
        {
            Init = ctx.EnsureBucketAsync,
            Verify = ct => ctx.ReadBackAsync(written.Items, ct),
        };
    }
}
