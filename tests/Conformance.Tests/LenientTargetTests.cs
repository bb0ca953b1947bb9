using FakeS3.Conformance.Tests.Hosting;

namespace FakeS3.Conformance.Tests;

/// <summary>The runner must be able to fail: against a stub that accepts everything, every rejection scenario is reported as not passed.</summary>
public sealed class LenientTargetTests
{
    [Fact]
    public async Task Rejection_scenarios_fail_against_a_target_that_accepts_everything()
    {
        await using var stub = await KestrelHost.StartLenientStubAsync();
        var target = S3Target.Endpoint("lenient-stub", stub.Url, "any", "any");
        var report = await ScenarioRunner.RunAsync(target, ScenarioCatalog.All);

        var rejections = report.Results.Where(r => r.Scenario.IsRejection).ToList();
        Assert.True(rejections.Count >= 80, $"only {rejections.Count} rejection scenarios in the catalogue");
        var wronglyPassed = rejections.Where(r => r.Verdict == Verdict.Passed).Select(r => r.Scenario.Name).ToList();
        Assert.True(wronglyPassed.Count == 0, "passed against an accept-everything stub:\n" + string.Join("\n", wronglyPassed));
        Assert.All(rejections, r => Assert.Contains(r.Verdict, new[] { Verdict.Failed, Verdict.Errored }));
        Assert.False(report.Succeeded);

        var junit = Reporting.JUnitReport.Render(report).ToString();
        Assert.Contains("<failure", junit, StringComparison.Ordinal);
    }
}
