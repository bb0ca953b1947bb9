namespace FakeS3.Conformance.Reporting;

public static class ConsoleReport
{
    public static string Symbol(Verdict v) => v switch { Verdict.Passed => "PASS", Verdict.Failed => "FAIL", Verdict.Errored => "ERROR", Verdict.Skipped => "SKIP" };

    public static void WriteProgress(ScenarioResult r, TextWriter w)
    {
        w.WriteLine($"  {Symbol(r.Verdict),-5} [{r.Scenario.Area}] {r.Scenario.Name}{(r.Scenario.Unconfirmed ? " (UNCONFIRMED)" : "")}");
        foreach (var d in r.Differences) w.WriteLine($"          - {d}");
        if (r.Error is not null) w.WriteLine($"          ! {r.Error}");
    }

    public static void WriteSummary(RunReport report, TextWriter w)
    {
        if (report.SkipReason is not null)
        {
            w.WriteLine($"Target {report.Target.Name}: SKIPPED — {report.SkipReason}");
            return;
        }
        w.WriteLine();
        w.WriteLine($"Target {report.Target.Name} ({report.Target.EffectiveServiceUrl}), bucket {report.Bucket}");
        w.WriteLine($"  {report.Results.Count} scenarios: {report.Count(Verdict.Passed)} passed, {report.Count(Verdict.Failed)} failed, {report.Count(Verdict.Errored)} errored, {report.Count(Verdict.Skipped)} skipped");
        foreach (var area in report.Results.GroupBy(r => r.Scenario.Area))
            w.WriteLine($"  {area.Key,-18} {area.Count(r => r.Verdict == Verdict.Passed),3}/{area.Count(),-3} passed");
        var unconfirmed = report.Results.Where(r => r.Scenario.Unconfirmed).ToList();
        if (unconfirmed.Count > 0)
            w.WriteLine($"  {unconfirmed.Count} scenarios have UNCONFIRMED expectations{(report.Target.IsAws ? " — this run against real S3 settles them (see the Markdown report)" : "")}");
    }
}
