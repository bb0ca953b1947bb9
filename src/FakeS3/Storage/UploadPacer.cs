using System.Diagnostics;

namespace FakeS3.Storage;

/// <summary>
/// Small requests before large uploads. A large upload's body is received, hashed and written to LiteDB as fast
/// as the cores allow: on a 2-core runner four 64 MiB PUT streams left GETs of 4 KiB objects 0.36–0.41 of their
/// rate alone (issue 14 asks ≥ 0.5: readers must not queue behind writers). So while other requests are being
/// answered and the cores are busy, an upload yields after each MiB it stores. Alone, or on idle cores, it never
/// pauses. FakeS3:PaceLargeUploads=false turns this off.
/// </summary>
/// <param name="coresShort">Whether the cores are busy (default: <see cref="CpuPressure"/>).</param>
internal sealed class UploadPacer(bool enabled, Func<bool>? coresShort = null)
{
    /// <summary>How long after the last answered request others count as active.</summary>
    static readonly long ActiveFor = Stopwatch.Frequency / 100; // 10 ms

    /// <summary>
    /// A pause is this multiple of the time LiteDB took to store the MiB (1-2 ms here), which stands for the CPU
    /// the MiB cost: receiving, hashing (MD5 for the ETag) and the client's sending cost about three times the
    /// store's part, so the upload keeps about a third of its pace. The time the MiB took to arrive does not
    /// count, so a slow client is hardly paced.
    /// </summary>
    const double PausePerStoredTime = 6;

    /// <summary>Bounds a pause whatever the store's time (a MiB that waited for a checkpoint).</summary>
    static readonly TimeSpan MaxPause = TimeSpan.FromMilliseconds(50);

    readonly Func<bool> _coresShort = coresShort ?? new CpuPressure().IsHigh;
    long _lastAnswered = long.MinValue / 2;

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

    /// <summary>After an upload's MiB went into LiteDB, which took <paramref name="stored"/>: its pause, if others wait.</summary>
    public Task PaceAsync(TimeSpan stored, CancellationToken cancellationToken = default)
    {
        if (!enabled || !OthersWaiting) return Task.CompletedTask;
        var pause = stored * PausePerStoredTime;
        return pause >= TimeSpan.FromMilliseconds(1) ? Task.Delay(pause < MaxPause ? pause : MaxPause, cancellationToken) : Task.CompletedTask;
    }
}
