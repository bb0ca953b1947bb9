using System.Text;
using System.Text.RegularExpressions;

namespace FakeS3.Conformance.Reporting;

/// <summary>Side-by-side differences between two runs, after normalising RequestId, HostId, dates, ETags, buckets and hosts.</summary>
public static partial class Comparison
{
    public sealed record Row(string Area, string Scenario, string Field, string Left, string Right);

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z")] private static partial Regex IsoDate();
    [GeneratedRegex(@"\b\d{8}T\d{6}Z\b")] private static partial Regex AmzDate();
    [GeneratedRegex(@"\b\d{8}/")] private static partial Regex ScopeDate();
    [GeneratedRegex(@"\b1\d{12}\b")] private static partial Regex EpochMillis();
    [GeneratedRegex(@"""?[0-9a-f]{32}(-\d+)?""?")] private static partial Regex ETag();
    [GeneratedRegex(@"\b[0-9a-fA-F]{64}\b")] private static partial Regex Hex64();
    [GeneratedRegex(@"[A-Za-z0-9+/]{60,}={0,2}")] private static partial Regex Base64Blob();
    [GeneratedRegex(@"(?:[0-9a-f]{2} ){16,}[0-9a-f]{2}")] private static partial Regex HexBytes();
    [GeneratedRegex(@"\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT")] private static partial Regex HttpDate();
    [GeneratedRegex(@"s\d{3}-[0-9a-f]{6}/")] private static partial Regex RunKey();

    public static string Normalize(string? value, RunReport run)
    {
        if (value is null) return "";
        var s = value;
        if (!string.IsNullOrEmpty(run.Bucket)) s = s.Replace(run.Bucket, "<bucket>", StringComparison.Ordinal);
        var url = run.Target.EffectiveServiceUrl;
        s = s.Replace(Signing.SigV4.HostHeader(url), "<host>", StringComparison.Ordinal).Replace(run.Target.AccessKeyId, "<access-key>", StringComparison.Ordinal);
        s = HexBytes().Replace(s, "<bytes>");
        s = IsoDate().Replace(s, "<date>");
        s = AmzDate().Replace(s, "<date>");
        s = ScopeDate().Replace(s, "<yyyymmdd>/");
        s = EpochMillis().Replace(s, "<date>");
        s = HttpDate().Replace(s, "<date>");
        s = Hex64().Replace(s, "<sha256>");
        s = ETag().Replace(s, "<etag>");
        s = Base64Blob().Replace(s, "<base64>");
        s = RunKey().Replace(s, "<key>/");
        return s;
    }

    static Dictionary<string, string> Fields(ScenarioResult r, RunReport run)
    {
        var f = new Dictionary<string, string>(StringComparer.Ordinal) { ["verdict"] = r.Verdict.ToString() };
        if (r.Actual is null) { f["error"] = Normalize(r.Error, run); return f; }
        f["status"] = r.Actual.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        f["code"] = r.Actual.Code ?? "";
        f["message"] = Normalize(r.Actual.Message, run);
        foreach (var (k, v) in r.Actual.Details) f["<" + k + ">"] = Normalize(v, run);
        for (var i = 0; i < r.Actual.Problems.Count; i++) f[$"problem {i + 1}"] = Normalize(r.Actual.Problems[i], run);
        return f;
    }

    public static List<Row> Diff(RunReport left, RunReport right)
    {
        var rows = new List<Row>();
        var rightByName = right.Results.ToDictionary(r => r.Scenario.Name);
        foreach (var l in left.Results)
        {
            if (!rightByName.TryGetValue(l.Scenario.Name, out var r)) { rows.Add(new(l.Scenario.Area, l.Scenario.Name, "scenario", "run", "not run")); continue; }
            var lf = Fields(l, left);
            var rf = Fields(r, right);
            foreach (var key in lf.Keys.Union(rf.Keys))
            {
                var lv = lf.GetValueOrDefault(key, "(absent)");
                var rv = rf.GetValueOrDefault(key, "(absent)");
                if (lv != rv) rows.Add(new(l.Scenario.Area, l.Scenario.Name, key, lv, rv));
            }
        }
        return rows;
    }

    public static string Render(RunReport left, RunReport right)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# Conformance comparison: {left.Target.Name} vs {right.Target.Name}");
        sb.AppendLine();
        if (left.SkipReason is not null || right.SkipReason is not null)
        {
            sb.AppendLine($"Comparison skipped: {left.SkipReason ?? right.SkipReason}");
            return sb.ToString();
        }
        var rows = Diff(left, right);
        sb.AppendLine($"{rows.Count} differences after normalising RequestId, HostId, dates, ETags, hashes, bucket, host and access key.");
        sb.AppendLine();
        sb.AppendLine($"| Area | Scenario | Field | {left.Target.Name} | {right.Target.Name} |");
        sb.AppendLine("|---|---|---|---|---|");
        static string C(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        foreach (var r in rows) sb.AppendLine($"| {r.Area} | {C(r.Scenario)} | {C(r.Field)} | {C(r.Left)} | {C(r.Right)} |");
        return sb.ToString();
    }
}
