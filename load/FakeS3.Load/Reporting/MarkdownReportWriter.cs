using System.Globalization;
using System.Text;
using FakeS3.Load.Stats;

namespace FakeS3.Load.Reporting;

/// <summary>Renders a <see cref="LoadReport"/> as the Markdown summary printed at the end and saved next to the JSON.</summary>
public static class MarkdownReportWriter
{
    public static string Render(LoadReport r)
    {
        var sb = new StringBuilder();
        void Line(FormattableString s) => sb.AppendLine(s.ToString(CultureInfo.InvariantCulture));

        Line($"# Load report: {r.Scenario}");
        sb.AppendLine();
        Line($"- endpoint: {r.Endpoint}");
        Line($"- simulation: {r.Simulation}");
        Line($"- started: {r.StartedUtc:yyyy-MM-dd HH:mm:ss} UTC, measured {r.DurationSeconds:0.###} s");
        Line($"- verdict: **{(r.Verdict.Passed ? "PASSED" : "FAILED")}**");
        foreach (var reason in r.Verdict.Reasons) Line($"  - {reason}");
        sb.AppendLine();
        sb.AppendLine("| requests | succeeded | failed | req/s | MB/s | p50 ms | p90 ms | p99 ms | max ms |");
        sb.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var l = r.LatencyMs;
        Line($"| {r.Requests} | {r.Succeeded} | {r.Failed} | {r.RequestsPerSecond:0.0} | {r.MegabytesPerSecond:0.00} | {l.P50:0.###} | {l.P90:0.###} | {l.P99:0.###} | {l.Max:0.###} |");
        sb.AppendLine();
        Line($"Outcomes: ok {r.Ok}, rejected as expected {r.RejectedAsExpected}, failed {r.FailedRequests}, corrupted {r.Corrupted}, accepted but must be rejected {r.AcceptedButMustBeRejected}.");
        Line($"Bytes: sent {r.BytesSent}, received {r.BytesReceived}.");
        var integrity = r.Integrity.Checked == 0
            ? "none (GET scenarios compare every byte of every response; must-reject and --skip-verify runs read nothing back)"
            : $"{r.Integrity.Checked} objects read back, {r.Integrity.Corrupted} differ";
        Line($"Read-back: {integrity}.");
        foreach (var d in r.Integrity.Details) Line($"- {d}");
        StatusTable(sb, "Errors by status and S3 code", r.Errors);
        StatusTable(sb, "Rejections by status and S3 code (expected)", r.Rejections);
        if (r.Operations.Count > 1)
        {
            sb.AppendLine().AppendLine("## Operations").AppendLine().AppendLine("| operation | requests |").AppendLine("|---|---:|");
            foreach (var o in r.Operations) Line($"| {o.Operation} | {o.Count} |");
        }
        return sb.ToString();
    }

    private static void StatusTable(StringBuilder sb, string title, IReadOnlyList<StatusCount> rows)
    {
        if (rows.Count == 0) return;
        sb.AppendLine().AppendLine($"## {title}").AppendLine().AppendLine("| status | code | count |").AppendLine("|---:|---|---:|");
        foreach (var e in rows)
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {(e.Status == 0 ? "none" : e.Status.ToString(CultureInfo.InvariantCulture))} | {e.Code} | {e.Count} |"));
    }
}
