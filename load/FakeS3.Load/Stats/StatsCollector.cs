using System.Collections.Concurrent;
using FakeS3.Load.Simulation;
using HdrHistogram;

namespace FakeS3.Load.Stats;

/// <summary>
/// Thread-safe counters for one phase of a run. Every recorded step lands in exactly one outcome counter,
/// so the outcome counters always sum to <see cref="Requests"/>; errors and rejections are further keyed
/// by status and S3 code. Latencies go to one HdrHistogram per worker (no shared writes, and a histogram
/// cannot be read while another thread records into it); they are merged once the phase is over.
/// </summary>
public sealed class StatsCollector(int workers = 1)
{
    private const long HighestMicroseconds = 3_600_000_000; // one hour

    private readonly LongHistogram[] _latency = [.. Enumerable.Range(0, Math.Max(1, workers)).Select(_ => new LongHistogram(1, HighestMicroseconds, 3))];
    private long _latencySumMicros;
    private readonly long[] _outcomes = new long[Enum.GetValues<StepOutcome>().Length];
    private readonly ConcurrentDictionary<StatusKey, long> _errors = new();
    private readonly ConcurrentDictionary<StatusKey, long> _rejections = new();
    private readonly ConcurrentDictionary<string, long> _operations = new(StringComparer.Ordinal);
    private long _requests;
    private long _bytesSent;
    private long _bytesReceived;

    public long Requests => Interlocked.Read(ref _requests);
    public long BytesSent => Interlocked.Read(ref _bytesSent);
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);
    public long Count(StepOutcome outcome) => Interlocked.Read(ref _outcomes[(int)outcome]);
    public long Failures => Count(StepOutcome.Failed) + Count(StepOutcome.Corrupted) + Count(StepOutcome.Accepted);

    /// <summary>Mean latency so far in ms, safe to read while workers record (for the progress line).</summary>
    public double RunningMeanMs => Requests == 0 ? 0 : Interlocked.Read(ref _latencySumMicros) / 1000.0 / Requests;

    /// <summary>Records one finished step. Each worker passes its own id; a worker id is never used by two threads at once.</summary>
    public void Record(in StepResult result, long elapsedMicroseconds, int workerId = 0)
    {
        _latency[workerId].RecordValue(Math.Clamp(elapsedMicroseconds, 1, HighestMicroseconds));
        Interlocked.Add(ref _latencySumMicros, elapsedMicroseconds);
        Interlocked.Add(ref _bytesSent, result.BytesSent);
        Interlocked.Add(ref _bytesReceived, result.BytesReceived);
        Interlocked.Increment(ref _outcomes[(int)result.Outcome]);
        _operations.AddOrUpdate(result.Operation, 1, static (_, n) => n + 1);
        switch (result.Outcome)
        {
            case StepOutcome.Ok:
                break;
            case StepOutcome.Rejected:
                _rejections.AddOrUpdate(new StatusKey(result.StatusCode, result.ErrorCode ?? ""), 1, static (_, n) => n + 1);
                break;
            case StepOutcome.Failed:
            case StepOutcome.Corrupted:
            case StepOutcome.Accepted:
                _errors.AddOrUpdate(new StatusKey(result.StatusCode, ErrorLabel(result)), 1, static (_, n) => n + 1);
                break;
        }
        // Last, so a reader that sees Requests == N also sees the N outcomes (progress lines stay consistent).
        Interlocked.Increment(ref _requests);
    }

    /// <summary>Percentiles over all workers; call only when no worker is recording.</summary>
    public LatencySummary Latency()
    {
        var merged = new LongHistogram(1, HighestMicroseconds, 3);
        foreach (var h in _latency) merged.Add(h);
        return LatencySummary.From(merged);
    }

    public IReadOnlyList<StatusCount> Errors() => Sorted(_errors);

    public IReadOnlyList<StatusCount> Rejections() => Sorted(_rejections);

    public IReadOnlyList<OperationCount> Operations() =>
        [.. _operations.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => new OperationCount(p.Key, p.Value))];

    private static string ErrorLabel(in StepResult r) => r.Outcome switch
    {
        StepOutcome.Corrupted => r.ErrorCode ?? "DataCorrupted",
        StepOutcome.Accepted => r.ErrorCode ?? "AcceptedButMustBeRejected",
        _ => r.ErrorCode ?? "",
    };

    private static StatusCount[] Sorted(ConcurrentDictionary<StatusKey, long> map) =>
        [.. map.OrderByDescending(p => p.Value).ThenBy(p => p.Key.Status).ThenBy(p => p.Key.Code, StringComparer.Ordinal)
               .Select(p => new StatusCount(p.Key.Status, p.Key.Code, p.Value))];

    private readonly record struct StatusKey(int Status, string Code);
}
