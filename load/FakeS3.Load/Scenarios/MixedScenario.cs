using FakeS3.Load.Simulation;

namespace FakeS3.Load.Scenarios;

/// <summary>
/// A mixed workload in fixed proportions, interleaved deterministically by invocation number:
/// 60% presigned GET, 20% presigned PUT, 10% POST policy upload, 10% SDK PutObject (aws-chunked).
/// </summary>
public static class MixedScenario
{
    public const string Name = "mixed";

    public static Scenario Create(LoadContext ctx)
    {
        var get = PresignedGetScenario.Create(ctx);
        var put = PresignedPutScenario.Create(ctx);
        var post = PostPolicyScenario.Create(ctx);
        var sdk = SdkPutScenario.Create(ctx);
        return new Scenario(Name, (step, ct) => (step.InvocationNumber % 10) switch
        {
            < 6 => get.Step(step, ct),
            < 8 => put.Step(step, ct),
            8 => post.Step(step, ct),
            _ => sdk.Step(step, ct),
        })
        {
            Init = async ct =>
            {
                await get.Init(ct);
                await post.Init(ct);
            },
            Verify = async ct =>
            {
                var parts = new[] { await put.Verify(ct), await post.Verify(ct), await sdk.Verify(ct) };
                return new IntegrityResult(parts.Sum(p => p.Checked), parts.Sum(p => p.Corrupted), [.. parts.SelectMany(p => p.Details)]);
            },
        };
    }
}
