using FakeS3.Load.Simulation;

namespace FakeS3.Load.Scenarios;

/// <summary>
/// A scenario that writes objects to distinct keys and, at the end, reads a sample of them back byte for byte.
/// The write itself (presigned PUT, SDK PutObject, ...) is the only thing that differs.
/// </summary>
public static class WriteScenario
{
    public delegate Task<StepResult> Write(LoadContext ctx, WrittenSample written, long invocation, CancellationToken ct);

    public static Scenario Create(string name, LoadContext ctx, Write write)
    {
        var written = new WrittenSample(8);
        return new Scenario(name, (step, ct) => new ValueTask<StepResult>(write(ctx, written, step.InvocationNumber, ct)))
        {
            Init = ctx.EnsureBucketAsync,
            Verify = ct => ctx.ReadBackAsync(written.Items, ct),
        };
    }
}
