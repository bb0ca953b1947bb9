using FakeS3.Load.Simulation;
using FakeS3.Load.Stats;

namespace FakeS3.Load.Reporting;

/// <summary>
/// The numbers of one run (NBomber: a scenario's stats in the node report). <see cref="Requests"/> always
/// equals <see cref="Succeeded"/> + <see cref="Failed"/>, and the error rows sum to <see cref="Failed"/>.
/// </summary>
public sealed record LoadReport(
    string Scenario,
    string Endpoint,
    string Simulation,
    DateTimeOffset StartedUtc,
    double DurationSeconds,
    long Requests,
    long Succeeded,
    long Failed,
    long Ok,
    long RejectedAsExpected,
    long FailedRequests,
    long Corrupted,
    long AcceptedButMustBeRejected,
    double RequestsPerSecond,
    double MegabytesPerSecond,
    long BytesSent,
    long BytesReceived,
    LatencySummary LatencyMs,
    IReadOnlyList<StatusCount> Errors,
    IReadOnlyList<StatusCount> Rejections,
    IReadOnlyList<OperationCount> Operations,
    IntegrityResult Integrity,
    Verdict Verdict)
{
    public static LoadReport From(RunResult run, string endpoint, bool failOnError)
    {
        var s = run.Stats;
        double seconds = Math.Max(run.Elapsed.TotalSeconds, 1e-9);
        long requests = s.Requests;
        long failed = s.Failures;
        return new LoadReport(
            run.Scenario.Name,
            endpoint,
            run.Simulation.Describe(),
            run.StartedUtc,
            Math.Round(run.Elapsed.TotalSeconds, 3),
            requests,
            requests - failed,
            failed,
            s.Count(StepOutcome.Ok),
            s.Count(StepOutcome.Rejected),
            s.Count(StepOutcome.Failed),
            s.Count(StepOutcome.Corrupted),
            s.Count(StepOutcome.Accepted),
            Math.Round(requests / seconds, 1),
            Math.Round((s.BytesSent + s.BytesReceived) / 1e6 / seconds, 2),
            s.BytesSent,
            s.BytesReceived,
            s.Latency(),
            s.Errors(),
            s.Rejections(),
            s.Operations(),
            run.Integrity,
            Verdict.From(run, failOnError));
    }
}
