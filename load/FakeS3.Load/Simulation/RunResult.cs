using FakeS3.Load.Stats;

namespace FakeS3.Load.Simulation;

/// <summary>One measured phase: the counters, how long it took and what the read-back found.</summary>
public sealed record RunResult(
    Scenario Scenario,
    LoadSimulation Simulation,
    StatsCollector Stats,
    DateTimeOffset StartedUtc,
    TimeSpan Elapsed,
    IntegrityResult Integrity);
