namespace FakeS3.Load.Simulation;

/// <summary>
/// One workload, named the way NBomber names it: <c>Scenario.Create(name, step)</c> plus an init and a
/// final check. The step is called once per request; it must not throw for an HTTP failure but return
/// a <see cref="StepResult"/> (exceptions are recorded as transport errors).
/// </summary>
public sealed record Scenario(
    string Name,
    Func<StepContext, CancellationToken, ValueTask<StepResult>> Step)
{
    /// <summary>Creates buckets and seed objects before the clock starts (NBomber: WithInit).</summary>
    public Func<CancellationToken, Task> Init { get; init; } = _ => Task.CompletedTask;

    /// <summary>Reads back what the run wrote and compares it with what was sent.</summary>
    public Func<CancellationToken, Task<IntegrityResult>> Verify { get; init; } = _ => Task.FromResult(IntegrityResult.NotChecked);

    /// <summary>True for the "must be rejected" workload: a 2xx is a failure, a 400/403 a success.</summary>
    public bool ExpectsRejection { get; init; }
}
