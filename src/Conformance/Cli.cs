using FakeS3.Conformance.Reporting;

namespace FakeS3.Conformance;

/// <summary>
/// dotnet run --project src/Conformance -- --target fakes3|endpoint|aws [--endpoint URL --access-key K --secret-key S --region R]
///     [--compare aws|endpoint|fakes3] [--filter text] [--report-dir artifacts/conformance] [--list]
/// </summary>
public static class Cli
{
    sealed record Options(string Target, string? Compare, string? Endpoint, string AccessKey, string SecretKey, string Region, string? Filter, string ReportDir, bool List, bool VirtualHost);

    public static async Task<int> MainAsync(string[] args)
    {
        Options o;
        try { o = Parse(args); }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine("usage: --target fakes3|endpoint|aws [--endpoint URL --access-key K --secret-key S --region R] [--compare aws|endpoint|fakes3] [--filter text] [--report-dir DIR] [--list]");
            return 2;
        }
        var scenarios = ScenarioCatalog.Filter(o.Filter).ToList();
        if (o.List)
        {
            foreach (var s in scenarios) Console.WriteLine($"[{s.Area}] {s.Name} {s.Evidence} -> {s.Expected}");
            Console.WriteLine($"{scenarios.Count} scenarios");
            return 0;
        }
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };

        var primary = await RunTargetAsync(o.Target, o, scenarios, cts.Token);
        RunReport? secondary = o.Compare is null ? null : await RunTargetAsync(o.Compare, o, scenarios, cts.Token);

        foreach (var r in new[] { primary, secondary })
        {
            if (r is null) continue;
            ConsoleReport.WriteSummary(r, Console.Out);
            foreach (var path in ReportWriter.Write(r, o.ReportDir)) Console.WriteLine($"  wrote {path}");
        }
        if (secondary is not null)
        {
            var path = ReportWriter.WriteComparison(primary, secondary, o.ReportDir);
            if (primary.SkipReason is null && secondary.SkipReason is null)
                Console.WriteLine($"\n{Comparison.Diff(primary, secondary).Count} differences between {primary.Target.Name} and {secondary.Target.Name}; wrote {path}");
            else Console.WriteLine($"\nComparison skipped ({primary.SkipReason ?? secondary.SkipReason}); wrote {path}");
        }
        return primary.Succeeded ? 0 : 1;
    }

    static async Task<RunReport> RunTargetAsync(string kind, Options o, IReadOnlyList<Scenario> scenarios, CancellationToken ct)
    {
        Console.WriteLine($"== target {kind}");
        void Progress(ScenarioResult r) => ConsoleReport.WriteProgress(r, Console.Out);
        switch (kind)
        {
            case "aws":
                var aws = Targets.FromAwsEnvironment(out var reason);
                if (aws is null)
                {
                    Console.WriteLine($"  SKIPPED: {reason}");
                    return RunReport.Skipped("aws", reason!);
                }
                return await ScenarioRunner.RunAsync(aws, scenarios, Progress, ct);
            case "endpoint":
                if (o.Endpoint is null) throw new ArgumentException("--target endpoint needs --endpoint URL (or FAKES3_ENDPOINT)");
                var target = S3Target.Endpoint("endpoint", new Uri(o.Endpoint), o.AccessKey, o.SecretKey, o.Region) with { ForcePathStyle = !o.VirtualHost };
                return await ScenarioRunner.RunAsync(target, scenarios, Progress, ct);
            case "fakes3":
                var root = Targets.RepositoryRoot() ?? throw new InvalidOperationException("FakeS3.sln not found above the working directory; use --target endpoint");
                await using (var fake = await FakeS3Process.StartAsync(root, Console.Out, ct))
                {
                    var t = S3Target.Endpoint("fakes3", fake.Url, o.AccessKey, o.SecretKey, o.Region);
                    return await ScenarioRunner.RunAsync(t, scenarios, Progress, ct);
                }
            default:
                throw new ArgumentException($"unknown target '{kind}'");
        }
    }

    static Options Parse(string[] args)
    {
        string? Env(string n) => Environment.GetEnvironmentVariable(n) is { Length: > 0 } v ? v : null;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument '{args[i]}'");
            if (args[i] is "--list" or "--virtual-host") { flags.Add(args[i]); continue; }
            if (i + 1 >= args.Length) throw new ArgumentException($"{args[i]} needs a value");
            map[args[i]] = args[++i];
        }
        var known = new[] { "--target", "--compare", "--endpoint", "--access-key", "--secret-key", "--region", "--filter", "--report-dir" };
        foreach (var k in map.Keys) if (!known.Contains(k)) throw new ArgumentException($"unknown option {k}");
        var target = map.GetValueOrDefault("--target") ?? "fakes3";
        var compare = map.GetValueOrDefault("--compare");
        foreach (var t in new[] { target, compare }) if (t is not null && t is not ("fakes3" or "endpoint" or "aws")) throw new ArgumentException($"unknown target '{t}'");
        return new Options(target, compare,
            map.GetValueOrDefault("--endpoint") ?? Env("FAKES3_ENDPOINT"),
            map.GetValueOrDefault("--access-key") ?? Env("FAKES3_ACCESS_KEY") ?? "fakes3",
            map.GetValueOrDefault("--secret-key") ?? Env("FAKES3_SECRET_KEY") ?? "fakes3secret",
            map.GetValueOrDefault("--region") ?? Env("FAKES3_REGION") ?? "us-east-1",
            map.GetValueOrDefault("--filter"),
            map.GetValueOrDefault("--report-dir") ?? Path.Combine("artifacts", "conformance"),
            flags.Contains("--list"), flags.Contains("--virtual-host"));
    }
}
