using System.Buffers;
using LiteDB;

namespace FakeS3.Storage;

/// <summary>
/// Writes one blob as fixed-size chunk documents while the body streams in. Nothing is visible until a store
/// commits an object or part that references the blob; disposing an uncommitted writer deletes what it wrote.
/// </summary>
internal sealed class BlobWriter : Stream
{
    public const int ChunkSize = 64 * 1024; // under the 85 KB large-object-heap threshold

    /// <summary>
    /// Bodies up to this size live in the object record itself (<see cref="TakeInline"/>). Small on purpose:
    /// listings read whole records, so inlined bytes are read again by every ListObjects page.
    /// </summary>
    public const int InlineLimit = 8 * 1024;

    // Chunks are inserted 16 at a time (1 MiB) in one LiteDB transaction: a transaction per 64 KiB chunk made
    // large uploads several times slower. The buffer is pooled and starts at one chunk: 16 concurrent small
    // uploads each renting 1 MiB overflowed the pool, and the large-object-heap allocations cost gen2 GCs.
    const int ChunksPerGroup = 16;
    const int GroupSize = ChunkSize * ChunksPerGroup;

    readonly FakeS3Database _db;
    byte[]? _buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
    int _buffered;
    int _chunkIndex;
    bool _pendingRecorded;
    bool _inline;

    internal BlobWriter(FakeS3Database db)
    {
        _db = db;
        BlobId = Guid.NewGuid().ToString("N");
    }

    public string BlobId { get; }
    public long Size { get; private set; }
    public bool Committed { get; private set; }

    public override void Write(ReadOnlySpan<byte> source)
    {
        while (!source.IsEmpty)
        {
            if (_buffered == GroupSize) FlushGroup();
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
            source = source[n..];
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        Write(source.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
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
        lock (_db.Lock) FlushGroupLocked();
    }

    void FlushGroupLocked()
    {
        if (!_pendingRecorded)
        {
            // Recorded before the first chunk lands, so a crash mid-upload leaves a marker the next start cleans up.
            _db.PendingBlobs.Insert(new BsonDocument { ["_id"] = BlobId });
            _pendingRecorded = true;
        }
        _db.Chunks.InsertBulk(BufferedChunks());
        _buffered = 0;
    }

    List<BsonDocument> BufferedChunks()
    {
        var docs = TailChunks();
        _chunkIndex += docs.Count;
        return docs;
    }

    /// <summary>The buffered bytes as chunk documents from the next index on (one empty chunk for an empty blob).</summary>
    List<BsonDocument> TailChunks()
    {
        var docs = new List<BsonDocument>(ChunksPerGroup);
        var index = _chunkIndex;
        for (var offset = 0; offset < _buffered || (offset == 0 && index == 0); offset += ChunkSize)
            docs.Add(ChunkDocument(index++, _buffer.AsSpan(offset, Math.Min(ChunkSize, _buffered - offset))));
        return docs;
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
        if (_buffered > 0 || _chunkIndex == 0)
        {
            foreach (var doc in TailChunks()) _db.Chunks.Insert(doc);
        }
        if (_pendingRecorded) _db.PendingBlobs.Delete(BlobId);
    }

    /// <summary>After the commit: the blob belongs to a stored object or part now; disposing deletes nothing.</summary>
    internal void Confirm()
    {
        _chunkIndex += _buffered > 0 ? (_buffered + ChunkSize - 1) / ChunkSize : _chunkIndex == 0 ? 1 : 0;
        _buffered = 0;
        Committed = true;
        ReturnBuffer();
    }

    void ReturnBuffer()
    {
        if (_buffer is null) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
    }

    BsonDocument ChunkDocument(int index, ReadOnlySpan<byte> data) =>
        new() { ["_id"] = ChunkId(BlobId, index), ["d"] = data.ToArray() };

    internal static string ChunkId(string blobId, int index) => $"{blobId}/{index:D8}";

    protected override void Dispose(bool disposing)
    {
        if (disposing && !Committed)
        {
            // The chunks written so far, then the marker (a crash in between leaves the marker for the next start).
            if (_chunkIndex > 0) BlobCollector.Collect(_db, BlobId, _chunkIndex);
            else if (_pendingRecorded) lock (_db.Lock) _db.PendingBlobs.Delete(BlobId);
            Committed = true; // nothing left to clean
        }
        if (disposing) ReturnBuffer();
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
