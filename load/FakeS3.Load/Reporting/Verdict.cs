using FakeS3.Load.Simulation;

namespace FakeS3.Load.Reporting;

/// <summary>Pass/fail with the reasons; the process exit code follows it.</summary>
public sealed record Verdict(bool Passed, IReadOnlyList<string> Reasons)
{
    public static Verdict From(RunResult run, bool failOnError)
    {
        var s = run.Stats;
        var reasons = new List<string>();
        if (s.Count(StepOutcome.Accepted) > 0)
            reasons.Add($"{s.Count(StepOutcome.Accepted)} requests that must be rejected were accepted");
        if (s.Count(StepOutcome.Corrupted) > 0)
            reasons.Add($"{s.Count(StepOutcome.Corrupted)} responses carried data that differs from what was written");
        if (run.Integrity.Corrupted > 0)
            reasons.Add($"read-back: {run.Integrity.Corrupted} of {run.Integrity.Checked} objects differ from what was written");
        if (failOnError && s.Count(StepOutcome.Failed) > 0)
            reasons.Add($"{s.Count(StepOutcome.Failed)} requests failed (--fail-on-error)");
        if (s.Requests == 0)
            reasons.Add("no request completed");
        return new Verdict(reasons.Count == 0, reasons);
    }
}
