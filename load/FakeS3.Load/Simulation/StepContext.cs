namespace FakeS3.Load.Simulation;

/// <summary>Per-call information handed to a step.</summary>
/// <param name="InvocationNumber">Global, 1-based, unique across workers and phases: use it for distinct keys.</param>
/// <param name="WorkerId">0-based copy (NBomber: ScenarioInfo.InstanceNumber).</param>
public readonly record struct StepContext(long InvocationNumber, int WorkerId);
