using System.Diagnostics;
using FakeS3.Load.Stats;

namespace FakeS3.Load.Simulation;

/// <summary>
/// Runs a <see cref="Scenario"/> under a <see cref="LoadSimulation"/>: init, warm-up (discarded), the measured
/// phase, then the read-back check. Workers stop taking new requests at the deadline or request count but
/// finish the ones in flight, so every request sent is counted exactly once.
/// </summary>
public sealed class ScenarioRunner(TextWriter progress, TimeSpan progressInterval)
{
    private long _invocations;

    public async Task<RunResult> RunAsync(Scenario scenario, LoadSimulation simulation, CancellationToken ct)
    {
        await scenario.Init(ct);

        if (simulation.WarmUp > TimeSpan.Zero)
        {
            progress.WriteLine($"[{scenario.Name}] warm-up {simulation.WarmUp.TotalSeconds:0.#} s");
            var warmSimulation = simulation with { During = simulation.WarmUp, Requests = null };
            await RunPhaseAsync(scenario, warmSimulation, new StatsCollector(simulation.Copies), "warm-up", ct);
        }

        var stats = new StatsCollector(simulation.Copies);
        progress.WriteLine($"[{scenario.Name}] measuring: {simulation.Describe()}");
        var started = DateTimeOffset.UtcNow;
        var elapsed = await RunPhaseAsync(scenario, simulation, stats, scenario.Name, ct);
        var integrity = await scenario.Verify(ct);
        return new RunResult(scenario, simulation, stats, started, elapsed, integrity);
    }

    private async Task<TimeSpan> RunPhaseAsync(Scenario scenario, LoadSimulation sim, StatsCollector stats, string label, CancellationToken ct)
    {
        long phaseIssued = 0;
        var start = Stopwatch.GetTimestamp();
        long deadline = sim.During is { } d ? start + (long)(d.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        double ticksPerRequest = sim.TargetRate > 0 ? Stopwatch.Frequency / sim.TargetRate : 0;

        async Task Worker(int workerId)
        {
            while (!ct.IsCancellationRequested)
            {
                long n = Interlocked.Increment(ref phaseIssued);
                if (sim.Requests is { } max && n > max) return;
                if (ticksPerRequest > 0)
                {
                    long due = start + (long)((n - 1) * ticksPerRequest);
                    long wait = due - Stopwatch.GetTimestamp();
                    if (due >= deadline) return;
                    if (wait > 0) await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), ct).ConfigureAwait(false);
                }
                if (Stopwatch.GetTimestamp() >= deadline) return;

                var context = new StepContext(Interlocked.Increment(ref _invocations), workerId);
                long t0 = Stopwatch.GetTimestamp();
                StepResult result;
                try
                {
                    result = await scenario.Step(context, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    result = StepResult.Fail("transport", 0, TransportErrorName(ex));
                }
                long micros = (Stopwatch.GetTimestamp() - t0) * 1_000_000 / Stopwatch.Frequency;
                stats.Record(result, micros, workerId);
            }
        }

        using var progressCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var printer = PrintProgressAsync(stats, label, start, progressCts.Token);
        var workers = Enumerable.Range(0, sim.Copies).Select(i => Task.Run(() => Worker(i), CancellationToken.None)).ToArray();
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(start);
        await progressCts.CancelAsync();
        await printer;
        return elapsed;
    }

    private async Task PrintProgressAsync(StatsCollector stats, string label, long start, CancellationToken ct)
    {
        long previous = 0;
        using var timer = new PeriodicTimer(progressInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                long now = stats.Requests;
                progress.WriteLine(
                    $"[{label}] {Stopwatch.GetElapsedTime(start).TotalSeconds,5:0.0} s  requests {now,9}  " +
                    $"now {(now - previous) / progressInterval.TotalSeconds,8:0} req/s  failures {stats.Failures,6}  " +
                    $"mean {stats.RunningMeanMs:0.00} ms");
                previous = now;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Names a transport failure the way the report shows it (status 0).</summary>
    public static string TransportErrorName(Exception ex) => ex switch
    {
        HttpRequestException h => $"HttpRequestError.{h.HttpRequestError}",
        TaskCanceledException => "Timeout",
        _ => ex.GetType().Name,
    };
}
