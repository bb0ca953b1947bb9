using System.Buffers;
using System.Diagnostics;
using LiteDB;

namespace FakeS3.Storage;

/// <summary>
/// Writes one blob as fixed-size chunk documents while the body streams in. Nothing is visible until a store
/// commits an object or part that references the blob; disposing an uncommitted writer deletes what it wrote.
/// </summary>
internal sealed class BlobWriter : Stream
{
    /// <summary>The chunk size of blobs written now (<see cref="BlobLayout"/>; older blobs keep theirs).</summary>
    public const int ChunkSize = BlobLayout.ChunkSize;

    /// <summary>
    /// Bodies up to this size live in the object record itself (<see cref="TakeInline"/>). Small on purpose:
    /// listings read whole records, so inlined bytes are read again by every ListObjects page.
    /// </summary>
    public const int InlineLimit = 8 * 1024;

    // Chunks are inserted 1 MiB at a time in one LiteDB transaction: a transaction per chunk made large uploads
    // several times slower. The buffer is pooled and starts at 64 KiB: 16 concurrent small uploads each renting
    // 1 MiB overflowed the pool, and the large-object-heap allocations cost gen2 GCs. Chunk documents are copied
    // into pooled chunk-sized arrays too (LiteDB has serialised them into its pages when Insert returns).
    const int GroupSize = 1024 * 1024;
    const int ChunksPerGroup = GroupSize / ChunkSize;
    const int InitialBuffer = 64 * 1024;

    readonly FakeS3Database _db;
    readonly BlobRecycler? _recycler;
    readonly Action<BlobSegment>? _giveBack;
    readonly long? _expectedSize;
    readonly UploadPacer? _pacer;
    long _groupStarted = Stopwatch.GetTimestamp();
    bool _paced;

    /// <summary>Once the upload ends (committed or not): no longer one of the uploads under way.</summary>
    void EndPacing()
    {
        if (!_paced) return;
        _paced = false;
        _pacer!.UploadEnded();
    }
    /// <summary>Chunk documents this blob took over from a freed one (<see cref="BlobRecycler"/>): updated, not inserted.</summary>
    int _reusedChunks;
    /// <summary>The id of the blob taken over, whose pending marker the takeover replaced.</summary>
    string? _takenOver;
    byte[]? _buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
    int _buffered;
    int _chunkIndex;
    bool _pendingRecorded;
    bool _inline;
    long _resetsAtFirstChunk;

    internal BlobWriter(FakeS3Database db)
    {
        _db = db;
    }

    /// <param name="expectedSize">The size the client announced, if any: a body that will need more than one chunk
    /// group may then take over a freed blob of about that size (<paramref name="recycler"/>);
    /// <paramref name="giveBack"/> returns one it took when taking it over fails.</param>
    internal BlobWriter(FakeS3Database db, BlobRecycler recycler, Action<BlobSegment> giveBack, long? expectedSize, UploadPacer? pacer) : this(db)
    {
        _pacer = pacer;
        _recycler = recycler;
        _giveBack = giveBack;
        _expectedSize = expectedSize;
    }

    /// <summary>Made on first use: an inline body never needs one (a GUID was ~1% of a 4 KiB POST's CPU).</summary>
    public string BlobId => LazyInitializer.EnsureInitialized(ref _blobId, BlobLayout.NewBlobId);
    string? _blobId;
    /// <summary>Bytes received but not yet written to LiteDB (written by the commit).</summary>
    internal int Buffered => _buffered;
    public long Size { get; private set; }

    /// <summary>The segment an object committed with this blob refers to (its id may change in the commit: TryAdoptInCommit).</summary>
    internal BlobSegment Segment => new() { BlobId = BlobId, Size = Size };
    public bool Committed { get; private set; }

    public override void Write(ReadOnlySpan<byte> source)
    {
        while (!source.IsEmpty)
        {
            if (_buffered == GroupSize) FlushGroup();
            source = source[Append(source)..];
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>The path of request bodies (CopyToAsync): a full group is written on <see cref="StoreThread"/>, so
    /// the request's pool thread never blocks on the store lock or inside LiteDB.</summary>
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        while (!source.IsEmpty)
        {
            if (_buffered == GroupSize) await FlushGroupAsync().ConfigureAwait(false);
            source = source[Append(source.Span)..];
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Copies what fits into the buffer (growing it once to a full group); returns how many bytes.</summary>
    int Append(ReadOnlySpan<byte> source)
    {
        var capacity = Math.Min(_buffer!.Length, GroupSize);
        if (_buffered == capacity)
        {
            Grow();
            capacity = GroupSize;
        }
        var n = Math.Min(source.Length, capacity - _buffered);
        source[..n].CopyTo(_buffer.AsSpan(_buffered));
        _buffered += n;
        Size += n;
        return n;
    }

    void Grow()
    {
        var larger = ArrayPool<byte>.Shared.Rent(GroupSize);
        _buffer.AsSpan(0, _buffered).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer!);
        _buffer = larger;
    }

    void FlushGroup()
    {
        _db.EnsureRoomForUpload(_buffered);
        _db.YieldToCheckpoint();
        lock (_db.Lock) FlushGroupLocked();
    }

    async Task FlushGroupAsync()
    {
        _db.EnsureRoomForUpload(_buffered);
        await StoreThread.RunAsync(() =>
        {
            _db.YieldToCheckpoint();
            lock (_db.Lock) FlushGroupLocked();
        }).ConfigureAwait(false);
        if (_pacer is null) return;
        if (!_paced)
        {
            _paced = true;
            _pacer.UploadStarted();
        }
        await _pacer.PaceAsync(Stopwatch.GetElapsedTime(_groupStarted)).ConfigureAwait(false);
        _groupStarted = Stopwatch.GetTimestamp();
    }

    void FlushGroupLocked()
    {
        if (!_pendingRecorded && !TryTakeOverFreedBlob())
        {
            // Recorded before the first chunk lands, so a crash mid-upload leaves a marker the next start cleans up.
            _db.PendingBlobs.Insert(new BsonDocument { ["_id"] = BlobId });
            _pendingRecorded = true;
        }
        if (_chunkIndex == 0) _resetsAtFirstChunk = _db.Resets;
        _chunkIndex += InsertBuffered(bulk: true);
        _buffered = 0;
    }

    /// <summary>
    /// Before the first chunk group of a body of announced size: takes over a freed blob's chunk documents. One
    /// transaction swaps the freed blob's marker for this blob's (no length: a crash from here on deletes every
    /// chunk under the prefix at the next start, <see cref="LiteDbBlobStore.CollectAbandoned"/>).
    /// </summary>
    bool TryTakeOverFreedBlob()
    {
        if (_recycler is null || _expectedSize is not { } expected || _blobId is not null) return false;
        if (_recycler.TryTake(expected) is not { } freed) return false;
        var id = BlobLayout.NextGeneration(freed.BlobId);
        _db.Db.BeginTrans();
        try
        {
            if (!_db.PendingBlobs.Delete(freed.BlobId))
            {
                // No marker: the commit that freed it never reached the file (lost when LiteDB's engine stopped and
                // the file was reopened, so the old version is current again) or an admin reset deleted everything.
                // Its chunks are not ours to take (the old version reads them again): left alone, a fresh blob instead.
                _db.TryRollback();
                return false;
            }
            _db.PendingBlobs.Insert(new BsonDocument { ["_id"] = id });
            _db.Db.Commit();
        }
        catch
        {
            _db.TryRollback();
            _giveBack!(freed);
            throw;
        }
        _blobId = id;
        _reusedChunks = BlobLayout.ChunkCount(freed.BlobId, freed.Size);
        _takenOver = freed.BlobId;
        _pendingRecorded = true;
        return true;
    }

    /// <summary>
    /// Inside the commit that frees <paramref name="freed"/>, a single-chunk blob no reader holds: this body, one
    /// chunk not written yet, goes into that chunk's document (updated in place) instead of a new document beside
    /// a deleted one. Raw LiteDB, 64 KiB documents: insert then delete 4.26 ms of CPU per MB, update 2.36 (issue
    /// 14). The blob id takes the next generation (<see cref="BlobLayout"/>), so a reader holding the old record
    /// fails the "still current" check. <see cref="UndoAdoption"/> before a rolled-back commit is retried.
    /// </summary>
    internal bool TryAdoptInCommit(BlobSegment freed)
    {
        if (_inline || _pendingRecorded || _chunkIndex > 0 || _reusedChunks > 0 || _buffered > ChunkSize) return false;
        if (BlobLayout.ChunkCount(freed.BlobId, freed.Size) != 1 || BlobLayout.ChunkSizeOf(freed.BlobId) != ChunkSize) return false;
        _adoptedFrom = BlobId;
        _blobId = BlobLayout.NextGeneration(freed.BlobId);
        _reusedChunks = 1;
        return true;
    }

    /// <summary>The commit that adopted a chunk rolled back: the chunk is the old version's again.</summary>
    internal void UndoAdoption()
    {
        if (_adoptedFrom is null) return;
        _blobId = _adoptedFrom;
        _adoptedFrom = null;
        _reusedChunks = 0;
    }

    string? _adoptedFrom;

    /// <summary>
    /// Inserts the buffered bytes as chunk documents from the next index on (one empty chunk for an empty blob);
    /// returns how many. Changes no state of the writer, so it can be retried after a rollback.
    /// </summary>
    int InsertBuffered(bool bulk)
    {
        var docs = new List<BsonDocument>(ChunksPerGroup);
        var rented = new List<byte[]>(ChunksPerGroup);
        try
        {
            var index = _chunkIndex;
            for (var offset = 0; offset < _buffered || (offset == 0 && index == 0); offset += ChunkSize)
            {
                var data = _buffer.AsSpan(offset, Math.Min(ChunkSize, _buffered - offset));
                // A full chunk's pooled array has exactly ChunkSize bytes (a power of two); the tail gets its own.
                var copy = data.Length == ChunkSize ? ArrayPool<byte>.Shared.Rent(ChunkSize) : new byte[data.Length];
                if (data.Length == ChunkSize) rented.Add(copy);
                data.CopyTo(copy);
                docs.Add(new BsonDocument { ["_id"] = ChunkId(BlobId, index++), ["d"] = copy });
            }
            if (_chunkIndex < _reusedChunks) WriteReused(docs, bulk);
            else if (bulk) _db.Chunks.InsertBulk(docs);
            else foreach (var doc in docs) _db.Chunks.Insert(doc);
            return docs.Count;
        }
        finally
        {
            foreach (var array in rented) ArrayPool<byte>.Shared.Return(array);
        }
    }

    /// <summary>Chunks of a taken-over blob: documents that exist are updated in place, the rest inserted.</summary>
    void WriteReused(List<BsonDocument> docs, bool bulk)
    {
        if (bulk) _db.Db.BeginTrans();
        try
        {
            foreach (var doc in docs) _db.Chunks.Upsert(doc);
            if (bulk) _db.Db.Commit();
        }
        catch
        {
            if (bulk) _db.TryRollback();
            throw;
        }
    }

    /// <summary>
    /// Before the commit: a body that never left the buffer and fits <see cref="InlineLimit"/> is handed over for
    /// the object record (one LiteDB document per small upload instead of a chunk and a record, measured ~2x
    /// faster for 4 KiB overwrites); the writer then writes nothing itself. Null when the body is a blob.
    /// </summary>
    internal byte[]? TakeInline()
    {
        if (_chunkIndex > 0 || _pendingRecorded || Size > InlineLimit || _buffer is null) return null;
        _inline = true;
        return _buffer.AsSpan(0, _buffered).ToArray();
    }

    /// <summary>
    /// Inside the store's commit transaction: writes the buffered tail and clears the pending marker. Changes no
    /// state of its own, so a rolled-back transaction can simply be retried; <see cref="Confirm"/> follows the commit.
    /// </summary>
    internal void WriteTailInTransaction()
    {
        if (_inline) return;
        if (LostToReset) throw new CommitRefusedException(StoreStatus.NoSuchBucket);
        var count = _chunkIndex;
        if (_buffered > 0 || _chunkIndex == 0) count += InsertBuffered(bulk: false);
        // A taken-over blob longer than this one: its last chunks go with this commit (at most MaxLeftoverChunks).
        for (var i = count; i < _reusedChunks; i++) _db.Chunks.Delete(ChunkId(BlobId, i));
        if (_pendingRecorded) _db.PendingBlobs.Delete(BlobId);
        // Again, though the takeover's transaction deleted it: LiteDB writes its log behind the commit, and a file
        // reopened after an engine fault meanwhile may have the freed blob's marker back, and the next start would
        // delete these chunks, now this blob's, through it.
        if (_takenOver is not null) _db.PendingBlobs.Delete(_takenOver);
    }

    /// <summary>
    /// An admin reset deleted every chunk (and bucket) after this blob's first chunks were written: committing it
    /// would store an object whose reads fail (a PUT spanning the reset answered 200, then every GET 500). Checked
    /// under the store lock, inside the commit; the upload answers as if its bucket was deleted meanwhile.
    /// </summary>
    internal bool LostToReset => _pendingRecorded && _db.Resets != _resetsAtFirstChunk;

    /// <summary>After the commit: the blob belongs to a stored object or part now; disposing deletes nothing.</summary>
    internal void Confirm()
    {
        _chunkIndex += _buffered > 0 ? (_buffered + ChunkSize - 1) / ChunkSize : _chunkIndex == 0 ? 1 : 0;
        _buffered = 0;
        Committed = true;
        EndPacing();
        ReturnBuffer();
    }

    void ReturnBuffer()
    {
        if (_buffer is null) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
    }

    internal static string ChunkId(string blobId, int index) => BlobLayout.ChunkId(blobId, index);

    protected override void Dispose(bool disposing)
    {
        if (disposing && !Committed)
        {
            // The chunks written so far, then the marker (a crash in between leaves the marker for the next start).
            var written = Math.Max(_chunkIndex, _reusedChunks);
            if (written > 0) BlobCollector.Collect(_db, BlobId, written);
            else if (_pendingRecorded) lock (_db.Lock) _db.PendingBlobs.Delete(BlobId);
            Committed = true; // nothing left to clean
        }
        if (disposing)
        {
            EndPacing();
            ReturnBuffer();
        }
        base.Dispose(disposing);
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => Size;
    public override long Position { get => Size; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
