namespace FakeS3.Conformance.Tests;

/// <summary>
/// Skipped (never passed) unless FAKES3_DOCKER_ENDPOINT points at a running FakeS3 container; .ci/run builds the
/// image offline, starts it and sets the variable (docker/ci-smoke.sh).
/// </summary>
public sealed class DockerFactAttribute : FactAttribute
{
    public DockerFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("FAKES3_DOCKER_ENDPOINT")))
            Skip = "FAKES3_DOCKER_ENDPOINT is not set: no FakeS3 container to test (.ci/run starts one).";
    }
}

public sealed class DockerConformanceTests
{
    [DockerFact]
    public async Task Catalogue_passes_against_the_FakeS3_container()
    {
        var endpoint = new Uri(Environment.GetEnvironmentVariable("FAKES3_DOCKER_ENDPOINT")!);
        var target = S3Target.Endpoint("docker", endpoint,
            Environment.GetEnvironmentVariable("FAKES3_ACCESS_KEY") ?? "fakes3",
            Environment.GetEnvironmentVariable("FAKES3_SECRET_KEY") ?? "fakes3secret");
        var report = await ScenarioRunner.RunAsync(target, ScenarioCatalog.All);
        var dir = Path.Combine(Targets.RepositoryRoot() ?? Path.GetTempPath(), "artifacts", "conformance-docker");
        Reporting.ReportWriter.Write(report, dir);
        var failed = report.Results.Where(r => r.Verdict != Verdict.Passed).Select(FakeS3ConformanceTests.Describe).ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} scenarios failed against the container (report in {dir}):\n" + string.Join("\n", failed));
        Assert.Equal(ScenarioCatalog.All.Count, report.Results.Count);
    }
}
