namespace FakeS3.Conformance.Tests;

/// <summary>Skipped (never passed) unless AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION and FAKES3_CONFORMANCE_BUCKET_PREFIX are set.</summary>
public sealed class RealS3FactAttribute : FactAttribute
{
    public RealS3FactAttribute()
    {
        if (Targets.FromAwsEnvironment(out var reason) is null) Skip = reason;
    }
}

public sealed class RealS3ConformanceTests
{
    [RealS3Fact]
    public async Task Catalogue_matches_real_S3()
    {
        var target = Targets.FromAwsEnvironment(out _)!;
        var report = await ScenarioRunner.RunAsync(target, ScenarioCatalog.All);
        var dir = Path.Combine(Targets.RepositoryRoot() ?? Path.GetTempPath(), "artifacts", "conformance");
        Reporting.ReportWriter.Write(report, dir);
        // Real S3 is the reference: a confirmed expectation it contradicts is a catalogue bug; UNCONFIRMED ones are settled by the report.
        var wrong = report.Results.Where(r => !r.Scenario.Unconfirmed && r.Verdict != Verdict.Passed).Select(FakeS3ConformanceTests.Describe).ToList();
        Assert.True(wrong.Count == 0, $"real S3 contradicts {wrong.Count} confirmed expectations (report in {dir}):\n" + string.Join("\n", wrong));
    }
}
