using FakeS3.Load.Cli;
using FakeS3.Load.Reporting;
using FakeS3.Load.S3;
using FakeS3.Load.Simulation;
using FakeS3.Load.Stats;

namespace FakeS3.Load.Tests;

public sealed class S3ErrorParserTests
{
    [Fact]
    public void ParseCode_S3ErrorDocument_ReturnsCode() =>
        Assert.Equal("SignatureDoesNotMatch", S3ErrorParser.ParseCode(
            "<?xml version=\"1.0\"?><Error><Code>SignatureDoesNotMatch</Code><Message>x</Message></Error>"));

    [Fact]
    public void ParseCode_NoXml_ReturnsNull() => Assert.Null(S3ErrorParser.ParseCode("Service Unavailable"));
}

public sealed class OptionsParserTests
{
    [Theory]
    [InlineData("4KiB", 4096)]
    [InlineData("64KiB", 65536)]
    [InlineData("1GiB", 1073741824)]
    [InlineData("1.5MiB", 1572864)]
    [InlineData("10MB", 10000000)]
    [InlineData("512", 512)]
    public void ParseSize_Units(string text, long expected) => Assert.Equal(expected, OptionsParser.ParseSize(text));

    [Theory]
    [InlineData("10s", 10)]
    [InlineData("250ms", 0.25)]
    [InlineData("2m", 120)]
    [InlineData("3", 3)]
    public void ParseDuration_Units(string text, double seconds) => Assert.Equal(TimeSpan.FromSeconds(seconds), OptionsParser.ParseDuration(text));

    [Fact]
    public void Parse_FullCommandLine()
    {
        var o = OptionsParser.Parse(["--endpoint", "http://127.0.0.1:9000", "--scenario", "mixed", "--concurrency", "3",
            "--requests", "10", "--rate", "50", "--object-size", "1MiB", "--warmup", "0s"]);
        Assert.Equal(new Uri("http://127.0.0.1:9000"), o.Endpoint);
        Assert.Equal("mixed", o.Scenario);
        Assert.Equal(3, o.Concurrency);
        Assert.Equal(10, o.Requests);
        Assert.Equal(50, o.Rate);
        Assert.Equal(1L << 20, o.ObjectSize);
        Assert.Null(o.Duration);
    }

    [Fact]
    public void Parse_UnknownScenario_Throws() =>
        Assert.Throws<ArgumentException>(() => OptionsParser.Parse(["--scenario", "nope"]));

    [Fact]
    public async Task Run_BadArguments_ExitsWithUsage() =>
        Assert.Equal(LoadApp.ExitUsage, await LoadApp.RunAsync(["--concurrency", "0"], TextWriter.Null, TextWriter.Null, CancellationToken.None));
}

public sealed class StatsCollectorTests
{
    [Fact]
    public void Record_OutcomesSumToRequests_AndErrorsAreKeyedByStatusAndCode()
    {
        var stats = new StatsCollector();
        stats.Record(StepResult.Ok("GET", 200, 0, 10), 1000);
        stats.Record(StepResult.Fail("GET", 503, "SlowDown"), 2000);
        stats.Record(StepResult.Fail("GET", 503, "SlowDown"), 3000);
        stats.Record(new StepResult(StepOutcome.Rejected, 403, "AccessDenied", 0, 0, "GET"), 4000);
        stats.Record(new StepResult(StepOutcome.Accepted, 200, null, 0, 0, "GET"), 5000);

        Assert.Equal(5, stats.Requests);
        Assert.Equal(3, stats.Failures);
        Assert.Equal([new StatusCount(503, "SlowDown", 2), new StatusCount(200, "AcceptedButMustBeRejected", 1)], stats.Errors());
        Assert.Equal([new StatusCount(403, "AccessDenied", 1)], stats.Rejections());
        var latency = stats.Latency();
        Assert.Equal(5, latency.Count);
        Assert.Equal(3.0, latency.P50, 1);
        Assert.Equal(5.0, latency.Max, 1);
    }

    [Fact]
    public void Markdown_ShowsCountsErrorsAndVerdict()
    {
        var stats = new StatsCollector();
        stats.Record(StepResult.Ok("PUT", 200, 4096, 0), 800);
        stats.Record(StepResult.Fail("PUT", 500, "InternalError"), 900);
        var scenario = new Scenario("presigned-put", (_, _) => default);
        var run = new RunResult(scenario, LoadSimulation.IterationsForConstant(1, 2), stats, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1), IntegrityResult.NotChecked);

        var report = LoadReport.From(run, "http://127.0.0.1:1/", failOnError: false);
        var md = MarkdownReportWriter.Render(report);

        Assert.Equal(2, report.Requests);
        Assert.Equal(1, report.Succeeded);
        Assert.Equal(2.0, report.RequestsPerSecond);
        Assert.Contains("| 2 | 1 | 1 | 2.0 |", md);
        Assert.Contains("| 500 | InternalError | 1 |", md);
        Assert.Contains("**PASSED**", md);
        Assert.Equal(report.Requests, JsonReportWriter.Parse(JsonReportWriter.Render(report))!.Requests);
    }
}
