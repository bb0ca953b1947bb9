using FakeS3.Load.Simulation;

namespace FakeS3.Load.Scenarios;

/// <summary>GET small objects through presigned URLs made once at init (as a browser or CDN would reuse them).</summary>
public static class PresignedGetScenario
{
    public const string Name = "presigned-get";
    private const int Objects = 16;

    public static Scenario Create(LoadContext ctx)
    {
        var urls = new Uri[Objects];
        return new Scenario(Name, (step, ct) =>
        {
            int i = (int)(step.InvocationNumber % Objects);
            return new ValueTask<StepResult>(ctx.GetAndCompareAsync(urls[i], i, ctx.ObjectSize, "GET", ct));
        })
        {
            Init = async ct =>
            {
                await ctx.EnsureBucketAsync(ct);
                for (int i = 0; i < Objects; i++)
                {
                    var key = ctx.Key("get", i);
                    await ctx.PutSeedObjectAsync(key, i, ctx.ObjectSize, ct);
                    urls[i] = ctx.Presigner.PresignGet(key, LoadContext.InOneHour());
                }
            },
        };
    }
}
