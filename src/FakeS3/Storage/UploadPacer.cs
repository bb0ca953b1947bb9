using System.Diagnostics;

namespace FakeS3.Storage;

/// <summary>
/// Small requests before large uploads. A large upload's body is received, hashed and written to LiteDB as fast
/// as the cores allow: on a 2-core runner four 64 MiB PUT streams left GETs of 4 KiB objects 0.36–0.41 of their
/// rate alone (issue 14 asks ≥ 0.5: readers must not queue behind writers). So while other requests are being
/// answered and the cores are busy, an upload pauses after each MiB it stores for twice as long as that MiB took,
/// times the number of large uploads under way: together they then keep about half of one upload's pace.
/// Alone, or on idle cores, an upload never pauses. FakeS3:PaceLargeUploads=false turns this off.
/// </summary>
/// <param name="coresShort">Whether the cores are busy (default: <see cref="CpuPressure"/>).</param>
internal sealed class UploadPacer(bool enabled, Func<bool>? coresShort = null)
{
    /// <summary>How long after the last answered request others count as active.</summary>
    static readonly long ActiveFor = Stopwatch.Frequency / 100; // 10 ms

    /// <summary>
    /// Bounds a pause: a MiB that took long (a slow client, a checkpoint) still gives up at most this much.
    /// </summary>
    static readonly TimeSpan MaxPause = TimeSpan.FromMilliseconds(200);

    readonly Func<bool> _coresShort = coresShort ?? new CpuPressure().IsHigh;
    long _lastAnswered = long.MinValue / 2;
    int _uploads;

    /// <summary>A large upload stored its first MiB (once per upload, ended by <see cref="UploadEnded"/>).</summary>
    public void UploadStarted() => Interlocked.Increment(ref _uploads);

    public void UploadEnded() => Interlocked.Decrement(ref _uploads);

    /// <summary>
    /// A request other than an upload was answered. Requests in flight cannot be counted instead: a GET spends
    /// microseconds in FakeS3's pipeline and the rest of its time in Kestrel or on the wire.
    /// </summary>
    public void Answered()
    {
        var now = Stopwatch.GetTimestamp();
        // One shared write per millisecond at most, not one per request.
        if (now - Volatile.Read(ref _lastAnswered) > Stopwatch.Frequency / 1000) Volatile.Write(ref _lastAnswered, now);
    }

    /// <summary>Other requests answered in the last 10 ms and the cores busy.</summary>
    public bool OthersWaiting => Stopwatch.GetTimestamp() - Volatile.Read(ref _lastAnswered) < ActiveFor && _coresShort();

    /// <summary>
    /// How many times its own time an upload's MiB pauses, per large upload under way. GETs of 4 KiB while four
    /// 64 MiB PUTs ran, their rate during ÷ alone (runner get-during-put, issue 14): 1 gave 0.66-0.71 (session 6);
    /// with the storage threads under SCHED_BATCH (Hosting/ThreadScheduling), 2 gave 0.69-0.81 in 3 runs. With the
    /// socket thread under SCHED_BATCH too (not kept): 1 gave 0.53-0.60, 2 0.64-0.81, 3 0.68-0.76.
    /// </summary>
    const int PausePerUpload = 2;

    /// <summary>
    /// After an upload's MiB was stored, which took <paramref name="took"/> from the previous one: if others wait,
    /// a pause of that times <see cref="PausePerUpload"/> times the uploads under way (at most <see cref="MaxPause"/>).
    /// Measured with four 64 MiB PUT streams and GETs of 4 KiB objects (their rate during ÷ alone): no pause 0.26; a
    /// multiple of LiteDB's share of the MiB (1-2 ms) hardly slowed the streams; as long as the MiB took, 0.42-0.49,
    /// as each stream paused half of the time, the four together still kept two busy (docs/benchmarks.md).
    /// </summary>
    public Task PaceAsync(TimeSpan took, CancellationToken cancellationToken = default)
    {
        if (!enabled || !OthersWaiting) return Task.CompletedTask;
        var pause = took * (PausePerUpload * Math.Max(1, Volatile.Read(ref _uploads)));
        return pause >= TimeSpan.FromMilliseconds(1) ? Task.Delay(pause < MaxPause ? pause : MaxPause, cancellationToken) : Task.CompletedTask;
    }
}
