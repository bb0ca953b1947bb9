using System.Diagnostics;
using Amazon.S3;
using Amazon.S3.Model;

namespace FakeS3.Conformance;

public enum Verdict { Passed, Failed, Errored, Skipped }

/// <summary>One scenario's outcome: expected, actual, verdict and every difference found.</summary>
public sealed record ScenarioResult(Scenario Scenario, Verdict Verdict, Observation? Actual, IReadOnlyList<string> Differences, TimeSpan Duration, string? Error = null);

/// <summary>A whole run against one target.</summary>
public sealed record RunReport(S3Target Target, string Bucket, DateTime StartedUtc, IReadOnlyList<ScenarioResult> Results, string? SkipReason = null)
{
    public int Count(Verdict v) => Results.Count(r => r.Verdict == v);
    public bool Succeeded => Results.All(r => r.Verdict is Verdict.Passed or Verdict.Skipped);

    public static RunReport Skipped(string targetName, string reason) =>
        new(new S3Target { Name = targetName, AccessKeyId = "", SecretAccessKey = "" }, "", DateTime.UtcNow, [], reason);
}

/// <summary>Creates the run's bucket, runs scenarios one by one, compares each observation with what real S3 does, cleans up.</summary>
public static class ScenarioRunner
{
    public static string NewBucketName(string prefix) =>
        (prefix + DateTime.UtcNow.ToString("MMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6]).ToLowerInvariant();

    public static async Task<RunReport> RunAsync(S3Target target, IEnumerable<Scenario> scenarios, Action<ScenarioResult>? progress = null, CancellationToken ct = default)
    {
        var started = DateTime.UtcNow;
        var bucket = NewBucketName(target.BucketPrefix);
        using var context = new ScenarioContext(target, bucket, ct);
        var results = new List<ScenarioResult>();
        try
        {
            await context.S3.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, ct);
        }
        catch (Exception e) when (e is AmazonS3Exception or HttpRequestException or Amazon.Runtime.AmazonClientException)
        {
            foreach (var s in scenarios)
            {
                var r = new ScenarioResult(s, Verdict.Errored, null, [], TimeSpan.Zero, $"could not create bucket {bucket}: {e.Message}");
                results.Add(r);
                progress?.Invoke(r);
            }
            return new RunReport(target, bucket, started, results);
        }
        try
        {
            foreach (var scenario in scenarios)
            {
                var r = await RunOneAsync(context, scenario);
                results.Add(r);
                progress?.Invoke(r);
            }
        }
        finally
        {
            await context.CleanupAsync();
            await ScenarioContext.DeleteBucketAsync(context.S3, bucket, CancellationToken.None);
        }
        return new RunReport(target, bucket, started, results);
    }

    /// <summary>Runs one scenario in a context whose bucket already exists.</summary>
    public static async Task<ScenarioResult> RunOneAsync(ScenarioContext context, Scenario scenario)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            var actual = await scenario.Run(context);
            var differences = Compare(scenario.Expected, actual, context.Resolve);
            return new ScenarioResult(scenario, differences.Count == 0 ? Verdict.Passed : Verdict.Failed, actual, differences, sw.Elapsed);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            return new ScenarioResult(scenario, Verdict.Errored, null, [], sw.Elapsed, $"{e.GetType().Name}: {e.Message}");
        }
    }

    public static List<string> Compare(Expected expected, Observation actual, Func<string, string>? resolve = null)
    {
        resolve ??= s => s;
        string? R(string? s) => s is null ? null : resolve(s);
        var d = new List<string>();
        if (expected.Status != actual.Status) d.Add($"status {actual.Status}, expected {expected.Status}");
        if (expected.Code is not null && expected.Code != actual.Code) d.Add($"code {actual.Code ?? "(none)"}, expected {expected.Code}");
        if (expected.Message is not null && R(expected.Message) != actual.Message) d.Add($"message \"{actual.Message}\", expected \"{R(expected.Message)}\"");
        foreach (var (name, value) in expected.Details)
        {
            var found = actual.Details.Where(x => x.Key == name).Select(x => x.Value).ToList();
            if (found.Count == 0) d.Add($"<{name}> missing");
            else if (value is not null && found[0] != R(value)) d.Add($"<{name}> \"{found[0]}\", expected \"{R(value)}\"");
        }
        foreach (var (name, value) in expected.Headers)
        {
            var got = actual.Header(name);
            if (got is null) d.Add($"header {name} missing");
            else if (value is not null && got != R(value)) d.Add($"header {name}: \"{got}\", expected \"{R(value)}\"");
        }
        foreach (var name in expected.AbsentHeaders)
            if (actual.Header(name) is not null) d.Add($"header {name} present (\"{actual.Header(name)}\"), expected absent");
        d.AddRange(actual.Problems);
        return d;
    }
}
