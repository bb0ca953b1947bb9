using System.Globalization;
using System.Text.Json;
using FakeS3.Load.Cli;
using FakeS3.Load.S3;
using FakeS3.Load.Scenarios;
using FakeS3.Load.Simulation;

namespace FakeS3.Load.Measurements;

/// <summary>
/// Do readers queue behind writers? Presigned GETs of 4 KiB objects (--concurrency in flight, every byte
/// compared) alone, then while four 64 MiB PUT streams run, alternating twice for --duration each; reports the
/// median GET rate of each phase and their ratio (issue 14's target: during ≥ 0.5 × alone).
/// </summary>
public static class ReadUnderWriteMeasurement
{
    public const string Name = "get-during-put";
    public const int PutStreams = 4;
    public const long PutSize = 64L << 20;
    public const double TargetRatio = 0.5;
    private const int Rounds = 2;

    public static async Task<int> RunAsync(LoadOptions o, TextWriter output, TextWriter progress, CancellationToken ct)
    {
        var target = new S3Target(o.Endpoint, o.AccessKey, o.SecretKey, o.Region, o.Bucket);
        var runId = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);
        using var small = new LoadContext(target, new Presigner(target), new S3Http(S3Http.CreateClient(o.Concurrency, o.RequestTimeout)), 4L << 10, runId, !o.SkipVerify);
        using var large = new LoadContext(target, new Presigner(target), new S3Http(S3Http.CreateClient(PutStreams, o.RequestTimeout)), PutSize, runId, !o.SkipVerify);
        var get = PresignedGetScenario.Create(small);
        await get.Init(ct);
        get = get with { Init = _ => Task.CompletedTask };
        var put = LargeObjectScenarios.CreatePut(large) with { Verify = _ => Task.FromResult(IntegrityResult.NotChecked) };
        await put.Init(ct);

        var duration = o.Duration ?? TimeSpan.FromSeconds(10);
        var getSimulation = new LoadSimulation(o.Concurrency, duration, null, 0, o.WarmUp);
        var runner = new ScenarioRunner(progress, o.ProgressInterval);
        var alone = new List<double>();
        var during = new List<double>();
        double putBytes = 0, putSeconds = 0;
        long failures = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var a = await runner.RunAsync(get, getSimulation, ct);
            alone.Add(a.Stats.Requests / a.Elapsed.TotalSeconds);
            failures += a.Stats.Failures;

            using var stopPuts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var putRunner = new ScenarioRunner(TextWriter.Null, o.ProgressInterval);
            var puts = putRunner.RunAsync(put, new LoadSimulation(PutStreams, TimeSpan.FromHours(1), null, 0, TimeSpan.Zero), stopPuts.Token);
            await Task.Delay(TimeSpan.FromSeconds(1), ct); // the streams are under way before GETs are counted
            var d = await runner.RunAsync(get with { Name = Name }, getSimulation with { WarmUp = TimeSpan.Zero }, ct);
            during.Add(d.Stats.Requests / d.Elapsed.TotalSeconds);
            failures += d.Stats.Failures;
            await stopPuts.CancelAsync();
            var p = await puts;
            putBytes += p.Stats.BytesSent;
            putSeconds += p.Elapsed.TotalSeconds;
        }

        var aloneRate = ListingTiming.MedianOf(alone);
        var duringRate = ListingTiming.MedianOf(during);
        var ratio = aloneRate > 0 ? duringRate / aloneRate : 0;
        var putMb = putSeconds > 0 ? putBytes / putSeconds / 1e6 : 0;
        var c = CultureInfo.InvariantCulture;
        output.WriteLine("| GET 4 KiB alone req/s | GET 4 KiB during 4 × 64 MiB PUT streams req/s | ratio (≥ 0.5) | PUT MB/s meanwhile (finished PUTs) | failed GETs |");
        output.WriteLine("|---:|---:|---:|---:|---:|");
        output.WriteLine(string.Create(c, $"| {aloneRate:0.0} | {duringRate:0.0} | {ratio:0.00} {(ratio >= TargetRatio ? "met" : "**missed**")} | {putMb:0.0} | {failures} |"));
        Directory.CreateDirectory(o.ReportDir);
        var json = Path.Combine(o.ReportDir, Name + ".json");
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new
        {
            endpoint = o.Endpoint.ToString(), getAloneRequestsPerSecond = Math.Round(aloneRate, 1), getDuringRequestsPerSecond = Math.Round(duringRate, 1),
            ratio = Math.Round(ratio, 3), putMegabytesPerSecond = Math.Round(putMb, 1), failedGets = failures, rounds = Rounds,
        }, new JsonSerializerOptions { WriteIndented = true }), ct);
        output.WriteLine($"report: {json}");
        return failures == 0 ? 0 : 1;
    }
}
