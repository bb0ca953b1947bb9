namespace FakeS3.Storage;

/// <summary>
/// Keeps LiteDB away from a full disk: LiteDB stops its engine on any I/O error, so uploads are refused (as
/// disk full) before it would run out of room, and a reserve file holds space that is released if the disk
/// fills anyway, so that reopening (LiteDB checkpoints its log on open), DELETEs and aborts still have room.
/// Thread-safe; the common case (room enough) takes no lock.
/// </summary>
internal sealed class DiskRoom
{
    const long ReserveBytes = 4L * 1024 * 1024;
    const long LogHeadroomBytes = 2L * 1024 * 1024;

    readonly string _dataPath;
    readonly string _reservePath;
    readonly string _logPath;
    readonly object _gate = new();
    volatile bool _full;
    long _freedWhileFull;

    public DiskRoom(string dataPath)
    {
        _dataPath = dataPath;
        _reservePath = dataPath + ".reserve";
        _logPath = Checkpointer.LogPathOf(dataPath);
        try
        {
            CreateReserve();
        }
        catch (IOException)
        {
            _full = true;
        }
    }

    /// <summary>
    /// Refuses (an IOException that reads as disk full) when the disk could not take LiteDB's next checkpoint
    /// (the log is copied into the data file before the log is cut back: room for it twice) and the reserve.
    /// While refused, each upload checks again, so uploads work by themselves once disk space is freed; and
    /// deleting objects is a way out too: their pages inside the data file are reused without growing it, so
    /// uploads up to the bytes freed meanwhile go in (the log still needs a little room on the disk).
    /// </summary>
    public void EnsureForUpload(long bytes)
    {
        if (SkipChecksForTests) return;
        // Measuring costs two file-system calls (~4 % of a 4 KiB upload's CPU, issue 14): between measurements,
        // uploads are admitted against a third of the room measured (each byte admitted grows the log by a byte and
        // the room needed by two) for at most RemeasureAfterMs. While short of room, every upload measures again.
        if (!_full && Interlocked.Add(ref _slack, -bytes) >= 0 && Environment.TickCount64 < Volatile.Read(ref _remeasureAt)) return;
        // A margin as large as the reserve, plus room to create the reserve again when it was released. (Counting
        // a held reserve as missing room too kept a small disk refusing uploads for good once space inside the data
        // file had been freed by deletes and the reserve came back.)
        var log = LogBytes();
        var needed = 2 * log + ReserveBytes + (_reserveHeld ? 0 : ReserveBytes);
        var free = FreeBytes();
        LowOnDisk = free < LowDiskBytes;
        LogShouldShrink = LowOnDisk && log >= LowDiskLogBytes;
        if (!_full && free >= needed)
        {
            Volatile.Write(ref _slack, Math.Min((free - needed) / 3, LowOnDisk ? LowDiskLogBytes / 2 : MaxSlackBytes) - bytes);
            Volatile.Write(ref _remeasureAt, Environment.TickCount64 + RemeasureAfterMs);
            return;
        }
        Volatile.Write(ref _slack, 0);
        lock (_gate) AdmitWhileShort(bytes, needed, free);
    }

    /// <summary>
    /// Below this much free disk, the log is kept under <see cref="LowDiskLogBytes"/>: a checkpoint needs room for
    /// the pages the log adds past the data file's end, and when another process then fills the disk, only the
    /// reserve is left for that. With a 64 MiB log, a disk filled from outside stayed full for good.
    /// </summary>
    public const long LowDiskBytes = 512L * 1024 * 1024;

    /// <summary>The log size that calls for a checkpoint when low on disk (well under the reserve).</summary>
    public const long LowDiskLogBytes = 2L * 1024 * 1024;

    /// <summary>As of the last measurement: less than <see cref="LowDiskBytes"/> free.</summary>
    public bool LowOnDisk { get; private set; }

    /// <summary>As of the last measurement: low on disk with a log of <see cref="LowDiskLogBytes"/> or more.</summary>
    public bool LogShouldShrink { get; set; }

    const long RemeasureAfterMs = 20;
    const long MaxSlackBytes = 64L * 1024 * 1024;
    long _slack;
    long _remeasureAt;

    void AdmitWhileShort(long bytes, long needed, long free)
    {
        if (free >= needed)
        {
            try
            {
                CreateReserve();
                _full = false;
                _freedWhileFull = 0;
                return;
            }
            catch (IOException)
            {
                // still no room
            }
        }
        _full = true;
        if (_freedWhileFull >= bytes && free >= bytes + LogHeadroomBytes)
        {
            Interlocked.Add(ref _freedWhileFull, -bytes);
            return;
        }
        throw new UploadRefusedException("No space left on device: uploads are refused until the disk holding the data file has room again.");
    }

    /// <summary>
    /// Whether the disk can take a checkpoint of the log now (the data file grows by up to the log's size). A
    /// checkpoint skipped here is tried again on a later tick; LiteDB replays the log at the next open anyway.
    /// </summary>
    public bool HasRoomForCheckpoint()
    {
        if (SkipChecksForTests) return true;
        var free = FreeBytes();
        if (free >= LogBytes()) return true;
        // A log of deletes and overwrites goes into pages the data file already has: the file grows only by the
        // pages past its end. Checking the log's size alone left a full disk stuck: deletes filled the log, which
        // was then never checkpointed (issue 14 review of the issue 11 disk-full probe).
        return CheckpointGrowth?.Invoke() is { } growth && (growth == 0 || free >= growth + CheckpointMarginBytes);
    }

    const long CheckpointMarginBytes = 256 * 1024;

    /// <summary>How many bytes the data file grows by when the log is checkpointed now (set by the database).</summary>
    public Func<long>? CheckpointGrowth { get; set; }

    /// <summary>
    /// Before a delete or an abort (each rewrites the pages it frees into LiteDB's log): short of room, checkpoint
    /// the log first (pages the data file already has cost no room), and when that leaves less than
    /// <see cref="DeleteHeadroomBytes"/> free, release the reserve, which is kept for exactly this.
    /// </summary>
    public void PrepareForDelete(Func<bool> checkpoint)
    {
        if (SkipChecksForTests) return;
        if (!_full && FreeBytes() >= 2 * DeleteHeadroomBytes + LogBytes()) return;
        if (HasLogToShrink()) checkpoint();
        if (FreeBytes() < DeleteHeadroomBytes) ReleaseReserve();
    }

    const long DeleteHeadroomBytes = 2L * 1024 * 1024;

    /// <summary>True while uploads are refused up front or LiteDB ran into a full disk.</summary>
    public bool IsShort => _full;

    /// <summary>Whether a checkpoint could give room back now: there is a log, and room to copy it.</summary>
    public bool HasLogToShrink() => LogBytes() > 0 && HasRoomForCheckpoint();

    /// <summary>
    /// Tests only: lets LiteDB itself run into the full disk, as when another process fills it between FakeS3's
    /// check and the write (the path behind the checks: reserve released, reopen, 503).
    /// </summary>
    internal bool SkipChecksForTests { get; set; }

    public void NoteFreed(long bytes)
    {
        if (_full) Interlocked.Add(ref _freedWhileFull, bytes);
    }

    /// <summary>LiteDB hit a full disk anyway: free the reserve for the reopen and the deletes that follow.</summary>
    public void ReleaseReserve()
    {
        lock (_gate)
        {
            _full = true;
            // Also when uploads were already refused up front (_full): the deletes that make room need it then.
            if (!_reserveHeld) return;
            _reserveHeld = false;
            try { File.Delete(_reservePath); } catch (IOException) { /* nothing to release */ }
        }
    }

    bool _reserveHeld;

    void CreateReserve()
    {
        try
        {
            using (var f = new FileStream(_reservePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
            {
                if (f.Length < ReserveBytes)
                {
                    var zeros = new byte[64 * 1024];
                    f.Position = f.Length;
                    while (f.Length < ReserveBytes) f.Write(zeros); // written, not sparse: the blocks must really be held
                    f.Flush(flushToDisk: true);
                }
            }
            _reserveHeld = true;
        }
        catch (IOException)
        {
            try { File.Delete(_reservePath); } catch (IOException) { /* best effort */ }
            throw;
        }
    }

    long FreeBytes()
    {
        try { return new DriveInfo(Path.GetDirectoryName(_dataPath)!).AvailableFreeSpace; }
        catch (Exception) { return long.MaxValue; } // unknown: let LiteDB find out
    }

    long LogBytes()
    {
        try { return File.Exists(_logPath) ? new FileInfo(_logPath).Length : 0; }
        catch (IOException) { return 0; }
    }
}
