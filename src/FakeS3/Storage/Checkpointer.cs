namespace FakeS3.Storage;

/// <summary>
/// Moves LiteDB's write-ahead log into the data file off the request path. LiteDB's own default checkpoints
/// inside whichever commit pushes the log past 1,000 pages (8 MiB), so one upload in every few pays for
/// everyone's writes; FakeS3Database sets the CHECKPOINT pragma to 0 and this checkpoints instead: when the log passes
/// <see cref="MaxLogBytes"/> (the bound on the log file), when writes pause, and at a clean stop. Raw LiteDB
/// wrote 64 KiB documents ~1.3x and 4 KiB ones ~1.7x faster so (issue 14). Crash safety is LiteDB's: committed
/// transactions live in the log and are replayed at the next open (kill -9 rounds: load/bench/crash_rounds.py).
/// The cost: a checkpoint holds the store lock while it copies up to <see cref="MaxLogBytes"/>, and writes
/// pausing is what triggers it, so a read right after a large write waits for it (a 64 MiB read-back right after
/// its write: 143 MB/s against 410 before; two seconds later 1,565 against 911). A smaller bound shortens that
/// pause and gives back part of the write gain: with four 64 MiB PUT streams a checkpoint held the lock for a
/// median of 150-250 ms at a 64 MiB bound and 45-65 ms at 16 MiB (FakeS3:CheckpointLogMiB, with writers waking
/// the checkpointer and yielding the lock to it: FakeS3Database.YieldToCheckpoint; docs/benchmarks.md).
/// </summary>
internal sealed class Checkpointer : IDisposable
{
    /// <summary>Default of FakeS3:CheckpointLogMiB: the log size that triggers a checkpoint under continuous writes.</summary>
    public const int DefaultLogMiB = 16;

    /// <summary>The log file is checkpointed once it reaches this size, even under continuous writes.</summary>
    public long MaxLogBytes { get; }

    // The log grows up to ~4x the bytes stored (index, collection and header pages per transaction): at 200 MB/s
    // of uploads a tick of 250 ms let it reach 200 MB; the check is one stat() call.
    static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);
    /// <summary>Writes count as paused once the log has not grown for this many ticks.</summary>
    const int IdleTicks = 4;

    readonly FakeS3Database _db;
    readonly string _logPath;
    readonly Thread _thread;
    readonly ManualResetEventSlim _stop = new();
    readonly SemaphoreSlim _wake = new(0, 1);
    int _disposed;

    public Checkpointer(FakeS3Database db, long maxLogBytes)
    {
        _db = db;
        MaxLogBytes = maxLogBytes;
        _logPath = LogPathOf(db.FilePath);
        _thread = new Thread(Run) { IsBackground = true, Name = "FakeS3 checkpoint" };
        _thread.Start();
    }

    /// <summary>LiteDB's log file beside the data file: "name-log.ext".</summary>
    public static string LogPathOf(string dataPath) =>
        Path.Combine(Path.GetDirectoryName(dataPath) ?? "", Path.GetFileNameWithoutExtension(dataPath) + "-log" + Path.GetExtension(dataPath));

    /// <summary>How many checkpoints ran (for tests and diagnostics).</summary>
    public int Count { get; private set; }

    void Run()
    {
        Hosting.ThreadScheduling.ForCurrentThread();
        long previous = -1;
        var unchanged = 0;
        var skip = 0;
        while (true)
        {
            _wake.Wait(Tick);
            if (_stop.IsSet) return;
            // A store left closed by a failed reopen comes back by itself (with backoff), also without requests.
            if (_db.IsUnavailable)
            {
                try { _db.EnsureAvailable(); } catch (StoreUnavailableException) { continue; }
            }
            if (PausedForTests) continue;
            if (skip > 0)
            {
                skip--;
                continue;
            }
            var length = LogLength();
            unchanged = length == previous ? unchanged + 1 : 0;
            previous = length;
            // A full log, or a log that stopped growing: writes paused, checkpoint now.
            // Short of disk room, or low on it, the log stays small (DiskRoom.LowDiskBytes): a burst of deletes
            // (each rewrites its pages into the log) would otherwise fill the disk before writes pause.
            var due = length >= MaxLogBytes || (length > 0 && unchanged >= IdleTicks)
                || (length >= DiskRoom.LowDiskLogBytes && _db.Room is { } room && (room.IsShort || room.LowOnDisk));
            if (due && _db.Room?.HasRoomForCheckpoint() != false)
            {
                if (TryCheckpoint(recover: true))
                {
                    previous = LogLength();
                    _failures = 0;
                }
                else
                {
                    // After a failure wait 0.2 s, 0.4 s, ... up to ~6 s instead of reopening the store every tick.
                    skip = 4 << Math.Min(_failures++, 5);
                }
                unchanged = 0;
            }
        }
    }

    /// <summary>
    /// Writers of streamed bodies call this before each chunk group: a log past its bound wakes the checkpointer
    /// now instead of at its next tick. Between two ticks, four 64 MiB PUT streams grew the log by tens of MiB (it
    /// takes ~4x the bytes stored), so a checkpoint copied up to several times the bound. One stat() per MiB.
    /// </summary>
    public void WakeIfFull()
    {
        // Not while failed checkpoints back off (a full disk): the backoff counts ticks.
        if (_failures == 0 && _wake.CurrentCount == 0 && LogLength() >= MaxLogBytes)
        {
            try { _wake.Release(); } catch (SemaphoreFullException) { /* woken already */ }
        }
    }

    long LogLength()
    {
        try
        {
            return new FileInfo(_logPath).Exists ? new FileInfo(_logPath).Length : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    int _failures;

    /// <summary>Tests only: holds checkpoints back so that the log grows (e.g. to fail one on a full disk).</summary>
    internal volatile bool PausedForTests;

    /// <summary>How many checkpoints failed (for tests and diagnostics).</summary>
    public int Failures { get; private set; }

    bool TryCheckpoint(bool recover)
    {
        try
        {
            Checkpoint();
            return true;
        }
        catch (Exception e) when (e is LiteDB.LiteException or IOException or ObjectDisposedException or StoreUnavailableException)
        {
            Failures++;
            // The log stays (LiteDB replays it at the next open). On a full disk the reserve goes, for the deletes
            // that make room, and uploads are refused up front until there is room again. If LiteDB stopped its
            // engine on the I/O error, reopen now, as a failed request would (LiteDB 5.0.21 kept its engine
            // running after a checkpoint failed on a full tmpfs, EngineFaultTests; this guards the other case).
            if (!recover) return false;
            if (StorageFault.IsDiskFull(e)) _db.Room?.ReleaseReserve();
            _db.RecoverAfterFault(diskFull: false);
            return false;
        }
    }

    /// <summary>A checkpoint now, on the caller's thread (an upload short of room); false if none ran or it failed.</summary>
    public bool TryCheckpointNow() => !PausedForTests && TryCheckpoint(recover: true);

    public void Checkpoint()
    {
        _db.RunCheckpoint(() =>
        {
            _db.EnsureAvailable();
            _db.Db.Checkpoint();
            Count++;
        });
    }

    /// <summary>Stops the thread and checkpoints once more, so a cleanly stopped data file needs no replay.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _stop.Set();
        try { _wake.Release(); } catch (SemaphoreFullException) { /* woken already */ }
        _thread.Join(TimeSpan.FromSeconds(30));
        TryCheckpoint(recover: false);
        _stop.Dispose();
        _wake.Dispose();
    }
}
