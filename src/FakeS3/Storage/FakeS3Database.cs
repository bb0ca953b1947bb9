using FakeS3.Hosting;
using LiteDB;
using Microsoft.Extensions.Options;

namespace FakeS3.Storage;

/// <summary>
/// The one LiteDB instance. Ordinal collation: S3 keys are case-sensitive and list in binary order, while
/// LiteDB's default collation ignores case.
/// </summary>
internal sealed class FakeS3Database : IDisposable
{
    public const string MemoryPath = ":memory:";

    readonly ConnectionString _connection;
    readonly BsonMapper _mapper;
    LiteDatabase _db = null!;

    public FakeS3Database(IOptions<FakeS3Options> options)
    {
        var path = options.Value.DataPath;
        if (path != MemoryPath)
        {
            path = Path.GetFullPath(path);
            DataFileCheck.Run(path);
        }
        FilePath = path;
        _connection = new ConnectionString
        {
            Filename = path,
            Connection = ConnectionType.Direct,
            Collation = new Collation("en-US/Ordinal"),
        };
        // Strings byte-exact: LiteDB's defaults trim whitespace and store "" as null, which turned a key " lead"
        // into "lead" and a key " " into a null that broke every listing of its bucket.
        _mapper = new BsonMapper { EnumAsInteger = false, TrimWhitespace = false, EmptyStringToNull = false };
        _mapper.Entity<BucketRecord>().Id(b => b.Id, autoId: false);
        _mapper.Entity<ObjectRecord>().Id(o => o.Id, autoId: false);
        _mapper.Entity<MultipartUploadRecord>().Id(u => u.Id, autoId: false);
        _mapper.Entity<PartRecord>().Id(p => p.Id, autoId: false);
        try
        {
            Open();
            if (path != MemoryPath) Room = new DiskRoom(path) { CheckpointGrowth = CheckpointGrowthBytes };
            // Reads every record once: a damaged file fails here, at start, not on some later request.
            Buckets.FindAll().ToList();
            Objects.Count();
            Uploads.Count();
        }
        catch (Exception e) when (e is LiteException or IOException or InvalidCastException or IndexOutOfRangeException or ArgumentException or UnauthorizedAccessException)
        {
            try { _db?.Dispose(); } catch (Exception) { /* the open error is the one to report */ }
            throw DataFileCheck.Fail(path, $"LiteDB cannot read it ({e.GetType().Name}: {e.Message})");
        }
        if (path != MemoryPath) Checkpoints = new Checkpointer(this, options.Value.CheckpointLogMiB * 1024L * 1024);
    }

    void Open()
    {
        _ = LiteDbPageCache.Configured;
        _db = new LiteDatabase(_connection, _mapper);
        Buckets = _db.GetCollection<BucketRecord>("buckets");
        Objects = _db.GetCollection<ObjectRecord>("objects");
        Uploads = _db.GetCollection<MultipartUploadRecord>("uploads");
        Parts = _db.GetCollection<PartRecord>("parts");
        ObjectDocuments = _db.GetCollection("objects");
        UploadDocuments = _db.GetCollection("uploads");
        Chunks = _db.GetCollection("blobchunks");
        PendingBlobs = _db.GetCollection("pendingblobs");
        // By expression, not lambda: a lambda over a byte[] becomes "$.SortKey[*]", an index of its single bytes.
        Objects.EnsureIndex("SortKey", "$.SortKey");
        Uploads.EnsureIndex("SortKey", "$.SortKey");
        AddSortKeys();
        // Checkpoints run off the request path (Checkpointer); set on every open, so a reopen keeps it.
        if (FilePath != MemoryPath) _db.Pragma("CHECKPOINT", 0);
    }

    /// <summary>Raised (under <see cref="Lock"/>) after a reopen: caches of records must be dropped.</summary>
    public event Action? Reopened;

    volatile bool _rollbackFailed;

    /// <summary>Free space checks for uploads on a file-backed store (null in memory).</summary>
    public DiskRoom? Room { get; private set; }

    /// <summary>Before an upload writes bytes (see <see cref="DiskRoom.EnsureForUpload"/>).</summary>
    public void EnsureRoomForUpload(long bytes)
    {
        if (Room is not { } room) return;
        try
        {
            room.EnsureForUpload(bytes);
            if (room.LogShouldShrink && room.HasRoomForCheckpoint())
            {
                room.LogShouldShrink = false;
                Checkpoints?.TryCheckpointNow();
            }
        }
        catch (IOException)
        {
            // The room an upload needs counts LiteDB's log twice (DiskRoom). Once space is freed, the background
            // checkpoint shrinks the log within a few ticks; checkpointing now spares the uploads of that moment a
            // 503 (the disk-full probe of issue 11 got one for a PUT right after files were deleted).
            if (!room.HasLogToShrink() || Checkpoints?.TryCheckpointNow() != true) throw;
            room.EnsureForUpload(bytes);
        }
    }

    /// <summary>
    /// How much a checkpoint now would grow the data file: LiteDB's pages past the file's end (from its
    /// <c>$database</c> system collection); the whole log when LiteDB cannot say.
    /// </summary>
    long CheckpointGrowthBytes()
    {
        try
        {
            lock (Lock)
            {
                var info = _db.Execute("SELECT $ FROM $database").ToEnumerable().First();
                return Math.Max(0, (info["lastPageID"].AsInt64 + 1) * PageBytes - info["dataFileSize"].AsInt64);
            }
        }
        catch (Exception)
        {
            return long.MaxValue / 2; // unknown: no room
        }
    }

    const long PageBytes = 8192; // LiteDB 5's page size

    /// <summary>
    /// Before a delete or an abort, the way out of a full disk: each rewrites the pages it frees into LiteDB's log,
    /// and a burst of them filled the last free bytes between two background checkpoints (503 for a DELETE).
    /// See <see cref="DiskRoom.PrepareForDelete"/>.
    /// </summary>
    public void MakeRoomForDelete() => Room?.PrepareForDelete(() => Checkpoints?.TryCheckpointNow() == true);

    /// <summary>Blobs released (deleted or replaced objects, aborted uploads).</summary>
    public void NoteFreed(long bytes) => Room?.NoteFreed(bytes);

    /// <summary>
    /// After a failed storage call: LiteDB stops its engine for good after an I/O error (a full disk), and then
    /// every call would fail until a restart. Reopening the file recovers the committed state (its log), so the
    /// next request works again once there is room. Cheap when the engine is fine. A reopen that fails leaves the
    /// store unavailable (<see cref="EnsureAvailable"/>: 503, retried with backoff); a data file found damaged or
    /// gone stops the service (<see cref="Damaged"/>) rather than answering errors forever or starting empty.
    /// </summary>
    public void RecoverAfterFault(bool diskFull = false)
    {
        if (FilePath == MemoryPath) return;
        lock (Lock)
        {
            if (diskFull) Room?.ReleaseReserve();
            if (_unavailable is not null)
            {
                TryReopen();
                return;
            }
            // After a full disk or a failed rollback LiteDB may keep a half-done transaction holding a collection's
            // write lock (every later write timed out): reopen then too, not only when the engine stopped.
            if (!diskFull && !_rollbackFailed)
            {
                try
                {
                    Buckets.Count();
                    return;
                }
                catch (Exception)
                {
                    // the engine is stopped: reopen below
                }
            }
            _rollbackFailed = false;
            DisposeEngine();
            Reopen();
        }
    }

    /// <summary>
    /// Throws <see cref="StoreUnavailableException"/> while a reopen keeps failing; tries again first once its
    /// backoff has passed, so the store comes back by itself (also without requests: the Checkpointer calls this).
    /// </summary>
    public void EnsureAvailable()
    {
        if (_unavailable is null) return;
        lock (Lock)
        {
            if (_unavailable is not null && TimeProvider.System.GetTimestamp() >= _retryAt) TryReopen();
            if (_unavailable is { } down) throw down;
        }
    }

    /// <summary>True while the database is closed after a failed reopen.</summary>
    public bool IsUnavailable => _unavailable is not null;

    /// <summary>Set once the data file was found damaged or gone after an engine error: the service must stop.</summary>
    public string? Damage { get; private set; }

    /// <summary>Raised once with <see cref="Damage"/>'s one line; the host stops (exit code 1 for the executable).</summary>
    public event Action<string>? Damaged;

    volatile StoreUnavailableException? _unavailable;
    long _retryAt;
    TimeSpan _backoff;
    static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(250);
    static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    void TryReopen()
    {
        if (Damage is not null) return;
        // Real time, not the service's TimeProvider: the admin clock may be frozen or shifted by a test.
        if (TimeProvider.System.GetTimestamp() < _retryAt) return;
        Reopen();
    }

    /// <summary>Tests only: runs after the engine is closed, before it is opened again (e.g. to hold the file).</summary>
    internal Action? BeforeReopenForTests { get; set; }

    void Reopen()
    {
        BeforeReopenForTests?.Invoke();
        // A reopen must never start an empty database in place of the one that was there (LiteDB creates a file
        // that is missing): a data file deleted or damaged under a running FakeS3 stops it.
        if (!File.Exists(FilePath))
        {
            Stop(DataFileCheck.Fail(FilePath, "the data file disappeared while FakeS3 was running; FakeS3 stops rather than start an empty store").Message);
            return;
        }
        try
        {
            Open();
        }
        catch (Exception e)
        {
            DisposeEngine();
            Unavailable(e);
            return;
        }
        _unavailable = null;
        _backoff = TimeSpan.Zero;
        Reopened?.Invoke();
    }

    void Unavailable(Exception e)
    {
        var diskFull = StorageFault.IsDiskFull(e);
        if (!diskFull && e is not (IOException or UnauthorizedAccessException))
        {
            // LiteDB refused the file itself: say what the start-up check says about it, else LiteDB's reason.
            try
            {
                DataFileCheck.Run(FilePath);
            }
            catch (DataFileException d)
            {
                Stop(d.Message);
                return;
            }
            Stop(DataFileCheck.Fail(FilePath, $"LiteDB cannot reopen it after an engine error ({e.GetType().Name}: {e.Message})").Message.ReplaceLineEndings(" "));
            return;
        }
        _backoff = _backoff == TimeSpan.Zero ? FirstBackoff : TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, MaxBackoff.Ticks));
        _retryAt = TimeProvider.System.GetTimestamp() + (long)(_backoff.TotalSeconds * TimeProvider.System.TimestampFrequency);
        _unavailable = new StoreUnavailableException(diskFull
            ? $"the disk holding the data file '{FilePath}' is full, so FakeS3 cannot reopen it; it retries by itself once disk space is freed"
            : $"the data file '{FilePath}' cannot be reopened ({e.Message.ReplaceLineEndings(" ")}); FakeS3 retries by itself",
            diskFull, e);
    }

    void Stop(string line)
    {
        Damage = "FakeS3 stops: " + line;
        _unavailable = new StoreUnavailableException(line, diskFull: false);
        _retryAt = long.MaxValue;
        Damaged?.Invoke(Damage);
    }

    /// <summary>Rolls back without ever hiding the error that caused the rollback (a failing rollback is ignored).</summary>
    public void TryRollback()
    {
        try
        {
            _db.Rollback();
        }
        catch (Exception)
        {
            // LiteDB may refuse ("discarded page must be writable") after an I/O error; the caller rethrows the cause
            // and the next RecoverAfterFault reopens the database.
            _rollbackFailed = true;
        }
    }

    /// <summary>Data files written before listings used sort keys get them once (records without one index as null).</summary>
    void AddSortKeys()
    {
        foreach (var o in Objects.Find(Query.EQ(nameof(ObjectRecord.SortKey), BsonValue.Null)).ToList())
        {
            o.SortKey = SortKey.For(o.Bucket, o.Key);
            Objects.Update(o);
        }
        foreach (var u in Uploads.Find(Query.EQ(nameof(MultipartUploadRecord.SortKey), BsonValue.Null)).ToList())
        {
            u.SortKey = SortKey.For(u.Bucket, u.Key);
            Uploads.Update(u);
        }
    }

    public string FilePath { get; }
    public LiteDatabase Db => _db;
    public ILiteCollection<BucketRecord> Buckets { get; private set; } = null!;
    public ILiteCollection<ObjectRecord> Objects { get; private set; } = null!;
    public ILiteCollection<MultipartUploadRecord> Uploads { get; private set; } = null!;
    public ILiteCollection<PartRecord> Parts { get; private set; } = null!;
    /// <summary><see cref="Objects"/> as plain documents, for listings that read a few fields (<see cref="ListedObject"/>).</summary>
    public ILiteCollection<BsonDocument> ObjectDocuments { get; private set; } = null!;
    /// <summary><see cref="Uploads"/> as plain documents (<see cref="ListedUpload"/>).</summary>
    public ILiteCollection<BsonDocument> UploadDocuments { get; private set; } = null!;
    public ILiteCollection<BsonDocument> Chunks { get; private set; } = null!;
    /// <summary>Blobs being written. Left over after a crash, they are deleted at start.</summary>
    public ILiteCollection<BsonDocument> PendingBlobs { get; private set; } = null!;

    /// <summary>
    /// Every LiteDB call goes through this one lock, kept on purpose. LiteDB 5.0.21 is not safe with concurrent
    /// readers and writers here: 64 MiB GETs beside PUTs failed with "pages in memory store must be non-shared",
    /// after which the engine refused all work, and in a 20 s test (8 threads reading 64 KiB chunks by id, 4
    /// inserting and deleting 1 MiB in transactions, no outside lock) most reads failed with garbled documents.
    /// Its transactions are per thread anyway. Every hold is short (one chunk, one record, one listing read, one
    /// commit), so readers of different keys interleave with writers chunk by chunk instead of waiting for a
    /// whole upload: 8 readers of different 1 MiB objects kept 0.91-0.93 of their throughput beside 4 writers of
    /// 4 MiB objects (one round of three at 0.37, on a machine at load 40). Nothing waits on it for long: a
    /// listing reads a bounded page, and reads never wait for a writer's key stripes (<see cref="KeyLocks"/>).
    /// </summary>
    public object Lock { get; } = new();

    /// <summary>How many admin resets deleted every chunk (changed under <see cref="Lock"/>): see <see cref="BlobWriter.LostToReset"/>.</summary>
    public long Resets { get; set; }

    readonly ManualResetEventSlim _noCheckpointWaiting = new(initialState: true);

    /// <summary>
    /// Called by writers that take <see cref="Lock"/> again and again (a streamed body, group after group) before
    /// they take it: a full log wakes the checkpointer (<see cref="Checkpointer.WakeIfFull"/>), and while a
    /// checkpoint waits for the lock they let it go first. The lock is not fair: the checkpointer, woken after the
    /// writer had the lock again, waited while four 64 MiB PUT streams grew the log to several times its bound
    /// (16 MiB bound: up to 109 MiB copied by one checkpoint). The wait is bounded, and skipped by a thread that
    /// holds the lock already, so it can never deadlock.
    /// </summary>
    public void YieldToCheckpoint()
    {
        Checkpoints?.WakeIfFull();
        if (!_noCheckpointWaiting.IsSet && !Monitor.IsEntered(Lock)) _noCheckpointWaiting.Wait(TimeSpan.FromSeconds(1));
    }

    /// <summary>Runs <paramref name="checkpoint"/> under <see cref="Lock"/>, with writers yielding to it meanwhile.</summary>
    public void RunCheckpoint(Action checkpoint)
    {
        _noCheckpointWaiting.Reset();
        try
        {
            lock (Lock) checkpoint();
        }
        finally
        {
            _noCheckpointWaiting.Set();
        }
    }

    /// <summary>Checkpoints off the request path; null in memory (no log file there).</summary>
    public Checkpointer? Checkpoints { get; private set; }

    public void Dispose()
    {
        Checkpoints?.Dispose();
        DisposeEngine();
    }

    /// <summary>Lets the current engine go, also after a fault (see <see cref="AbandonedTransactions"/>).</summary>
    void DisposeEngine()
    {
        AbandonedTransactions.Release(_db);
        try
        {
            _db.Dispose();
        }
        catch (Exception)
        {
            // stopped already (an I/O error) or half-open
        }
    }
}
