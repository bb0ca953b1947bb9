using System.Text;

namespace FakeS3.Conformance.Reporting;

public static class MarkdownReport
{
    static string Cell(string? s) => (s ?? "").Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal);

    public static string Render(RunReport report)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# Conformance report: {report.Target.Name}");
        sb.AppendLine();
        if (report.SkipReason is not null)
        {
            sb.AppendLine($"**Skipped:** {report.SkipReason}");
            return sb.ToString();
        }
        sb.AppendLine($"- Endpoint: `{report.Target.EffectiveServiceUrl}` (region `{report.Target.Region}`, {(report.Target.ForcePathStyle ? "path-style" : "virtual-hosted")})");
        sb.AppendLine($"- Started: {report.StartedUtc:yyyy-MM-ddTHH:mm:ssZ}; bucket `{report.Bucket}`");
        sb.AppendLine($"- {report.Results.Count} scenarios: **{report.Count(Verdict.Passed)} passed**, {report.Count(Verdict.Failed)} failed, {report.Count(Verdict.Errored)} errored, {report.Count(Verdict.Skipped)} skipped");
        sb.AppendLine();
        sb.AppendLine("| Verdict | Area | Scenario | Evidence | Expected | Actual | Differences |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var r in report.Results)
            sb.AppendLine($"| {ConsoleReport.Symbol(r.Verdict)} | {r.Scenario.Area} | {Cell(r.Scenario.Name)} | {Cell(r.Scenario.Evidence)} | {Cell(r.Scenario.Expected.ToString())} | {Cell(r.Actual?.ToString() ?? r.Error)} | {Cell(string.Join("; ", r.Differences))} |");
        var unconfirmed = report.Results.Where(r => r.Scenario.Unconfirmed).ToList();
        if (unconfirmed.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("## Scenarios with UNCONFIRMED expectations");
            sb.AppendLine();
            sb.AppendLine(report.Target.IsAws
                ? "This run was against real Amazon S3: the *Actual* column is the answer; update the spec and the catalogue accordingly."
                : "The expectation is the spec's recommendation, not a captured S3 answer. One run with `--target aws` settles these.");
            sb.AppendLine();
            foreach (var r in unconfirmed)
                sb.AppendLine($"- {ConsoleReport.Symbol(r.Verdict)} [{r.Scenario.Area}] {r.Scenario.Name} — expected {Cell(r.Scenario.Expected.ToString())}; actual {Cell(r.Actual?.ToString() ?? r.Error)}");
        }
        return sb.ToString();
    }
}
