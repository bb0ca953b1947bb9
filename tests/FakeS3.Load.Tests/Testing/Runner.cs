using FakeS3.Load.Reporting;

namespace FakeS3.Load.Tests.Testing;

/// <summary>Runs the load CLI in-process against a stub and hands back its exit code and JSON report.</summary>
public static class Runner
{
    public static async Task<(int Exit, LoadReport? Report, string Output)> RunAsync(Uri endpoint, string scenario, params string[] extra)
    {
        var reportDir = Path.Combine(Path.GetTempPath(), "fakes3-load-tests", Guid.NewGuid().ToString("n"));
        string[] args =
        [
            "--endpoint", endpoint.ToString(), "--scenario", scenario, "--warmup", "0s",
            "--report-dir", reportDir, .. extra,
        ];
        var output = new StringWriter();
        var progress = new StringWriter();
        int exit = await LoadApp.RunAsync(args, output, progress, CancellationToken.None);
        var json = Path.Combine(reportDir, scenario + ".json");
        var report = File.Exists(json) ? JsonReportWriter.Parse(await File.ReadAllTextAsync(json)) : null;
        try { Directory.Delete(reportDir, recursive: true); } catch (IOException) { }
        return (exit, report, output + "\n" + progress);
    }
}
