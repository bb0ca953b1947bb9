using System.Globalization;
using System.Xml.Linq;

namespace FakeS3.Conformance.Reporting;

public static class JUnitReport
{
    public static XDocument Render(RunReport report)
    {
        var suite = new XElement("testsuite",
            new XAttribute("name", $"conformance.{report.Target.Name}"),
            new XAttribute("tests", report.SkipReason is null ? report.Results.Count : 1),
            new XAttribute("failures", report.Count(Verdict.Failed)),
            new XAttribute("errors", report.Count(Verdict.Errored)),
            new XAttribute("skipped", report.SkipReason is null ? report.Count(Verdict.Skipped) : 1),
            new XAttribute("timestamp", report.StartedUtc.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            new XAttribute("time", report.Results.Sum(r => r.Duration.TotalSeconds).ToString("0.000", CultureInfo.InvariantCulture)));
        if (report.SkipReason is not null)
            suite.Add(new XElement("testcase", new XAttribute("classname", $"conformance.{report.Target.Name}"), new XAttribute("name", "target"),
                new XElement("skipped", new XAttribute("message", report.SkipReason))));
        foreach (var r in report.Results)
        {
            var tc = new XElement("testcase",
                new XAttribute("classname", $"conformance.{report.Target.Name}.{r.Scenario.Area}"),
                new XAttribute("name", r.Scenario.Name + (r.Scenario.Unconfirmed ? " [UNCONFIRMED]" : "")),
                new XAttribute("time", r.Duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)));
            var text = $"evidence: {r.Scenario.Evidence}\nexpected: {r.Scenario.Expected}\nactual:   {r.Actual?.ToString() ?? r.Error}\n{string.Join("\n", r.Differences)}";
            switch (r.Verdict)
            {
                case Verdict.Failed: tc.Add(new XElement("failure", new XAttribute("message", string.Join("; ", r.Differences)), text)); break;
                case Verdict.Errored: tc.Add(new XElement("error", new XAttribute("message", r.Error ?? ""), text)); break;
                case Verdict.Skipped: tc.Add(new XElement("skipped")); break;
                case Verdict.Passed: tc.Add(new XElement("system-out", text)); break;
            }
            suite.Add(tc);
        }
        return new XDocument(new XElement("testsuites", suite));
    }
}
