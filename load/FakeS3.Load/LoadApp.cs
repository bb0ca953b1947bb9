using FakeS3.Load.Cli;
using FakeS3.Load.Measurements;
using FakeS3.Load.Reporting;
using FakeS3.Load.S3;
using FakeS3.Load.Scenarios;
using FakeS3.Load.Simulation;

namespace FakeS3.Load;

/// <summary>The whole program behind Program.cs, callable from tests: parse, run, report, exit code.</summary>
public static class LoadApp
{
    public const int ExitPassed = 0, ExitVerdictFailed = 1, ExitUsage = 2, ExitSetupFailed = 3;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter progress, CancellationToken ct)
    {
        LoadOptions options;
        try
        {
            options = OptionsParser.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or UriFormatException)
        {
            progress.WriteLine($"error: {e.Message}");
            progress.WriteLine(OptionsParser.Usage);
            return ExitUsage;
        }
        if (options.Help)
        {
            output.WriteLine(OptionsParser.Usage);
            return ExitPassed;
        }
        var (report, exit) = await RunAsync(options, output, progress, ct);
        return report is null ? exit : (report.Verdict.Passed ? ExitPassed : ExitVerdictFailed);
    }

    public static async Task<(LoadReport? Report, int Exit)> RunAsync(LoadOptions options, TextWriter output, TextWriter progress, CancellationToken ct)
    {
        if (MeasurementCatalog.All.TryGetValue(options.Scenario, out var measure))
        {
            try
            {
                return (null, await measure(options, output, progress, ct));
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                progress.WriteLine($"{options.Scenario} failed against {options.Endpoint}: {e.GetType().Name}: {e.Message}");
                return (null, ExitSetupFailed);
            }
        }
        var target = new S3Target(options.Endpoint, options.AccessKey, options.SecretKey, options.Region, options.Bucket);
        long size = options.ObjectSize ?? (ScenarioCatalog.IsLarge(options.Scenario) ? 64L << 20 : 4L << 10);
        var http = new S3Http(S3Http.CreateClient(options.Concurrency, options.RequestTimeout));
        using var context = new LoadContext(target, new Presigner(target), http, size, DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff"), !options.SkipVerify);

        if (options.PrintPresigned is { } verb)
            return (null, PresignedPrinter.Print(context, verb, options, output));

        var scenario = ScenarioCatalog.All[options.Scenario](context);
        var simulation = new LoadSimulation(options.Concurrency, options.Duration ?? (options.Requests is null ? TimeSpan.FromSeconds(10) : null),
            options.Requests, options.Rate, options.WarmUp);
        var runner = new ScenarioRunner(progress, options.ProgressInterval);
        RunResult run;
        try
        {
            run = await runner.RunAsync(scenario, simulation, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            progress.WriteLine($"setup or read-back failed against {options.Endpoint}: {e.GetType().Name}: {e.Message}");
            return (null, ExitSetupFailed);
        }
        var report = LoadReport.From(run, options.Endpoint.ToString(), options.FailOnError);
        var (json, md) = JsonReportWriter.WriteFiles(report, options.ReportDir);
        output.WriteLine(MarkdownReportWriter.Render(report));
        output.WriteLine($"reports: {md}, {json}");
        return (report, report.Verdict.Passed ? ExitPassed : ExitVerdictFailed);
    }
}
