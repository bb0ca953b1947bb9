using LiteDB;

namespace FakeS3.Storage;

/// <summary>Blob bytes as chunk documents "{blobId}/{index:D8}" in one collection.</summary>
/// <param name="pacer">Paces large uploads while other requests are in flight (none: never paced).</param>
internal sealed class LiteDbBlobStore(FakeS3Database db, UploadPacer? pacer = null) : IDisposable
{
    readonly ChunkCache _smallBlobs = new();
    readonly BlobCollector _collector = new(db);
    readonly BlobLeases _leases = new();

    /// <param name="expectedSize">The body's announced size, if known: lets it take over a freed blob (<see cref="BlobRecycler"/>).</param>
    public BlobWriter OpenWrite(long? expectedSize = null) => new(db, _collector.Recycler, b => _collector.Enqueue([b]), expectedSize, pacer);

    /// <summary>
    /// Leases the blobs for the stream's lifetime. The caller holds the owning key's stripe and has checked that
    /// the blobs are current, so none of them can be freed before the lease is taken.
    /// </summary>
    internal Stream OpenLeased(IReadOnlyList<BlobSegment> segments, long offset, long length)
    {
        _leases.Acquire(segments);
        return new BlobReadStream(db, _smallBlobs, segments, offset, length, () => _collector.Enqueue(_leases.Return(segments)));
    }

    /// <summary>
    /// Inside the transaction that stops referencing <paramref name="segments"/>: small blobs are deleted right
    /// there; large ones get a pending marker and are returned, for <see cref="CollectLater"/> after the commit.
    /// </summary>
    internal List<BlobSegment> Release(IEnumerable<BlobSegment> segments, BlobSegment? adopted = null)
    {
        var large = new List<BlobSegment>();
        foreach (var s in segments)
        {
            if (ReferenceEquals(s, adopted)) continue; // its chunk now holds the new version's bytes
            db.NoteFreed(s.Size);
            var count = BlobLayout.ChunkCount(s.BlobId, s.Size);
            // A blob being read stays until its readers close (the marker covers a stop in between).
            if (s.Size <= BlobRecycler.MinBytes && !_leases.IsLeased(s.BlobId))
            {
                for (var i = 0; i < count; i++) db.Chunks.Delete(BlobWriter.ChunkId(s.BlobId, i));
                continue;
            }
            db.PendingBlobs.Upsert(new BsonDocument { ["_id"] = s.BlobId, ["size"] = s.Size });
            large.Add(s);
        }
        return large;
    }

    /// <summary>
    /// Inside the commit that replaces <paramref name="previous"/> by the upload of <paramref name="writer"/>: the
    /// previous version's only chunk, if no reader holds it, becomes the new version's (<see cref="BlobWriter.TryAdoptInCommit"/>).
    /// Returns the adopted segment, for <see cref="Release"/> to pass over.
    /// </summary>
    internal BlobSegment? Adopt(ObjectRecord previous, BlobWriter writer)
    {
        if (previous.Inline is not null || previous.Segments is not [var only] || _leases.IsLeased(only.BlobId)) return null;
        return writer.TryAdoptInCommit(only) ? only : null;
    }

    /// <summary>After the commit: released blobs are deleted in the background once no reader holds them.</summary>
    internal void CollectLater(IReadOnlyList<BlobSegment> large)
    {
        if (large.Count > 0) _collector.Enqueue(_leases.DeferWhileRead(large));
    }

    /// <summary>At start: deletes blobs left pending (an upload cut off, or a release not yet collected).</summary>
    public int CollectAbandoned()
    {
        List<BsonDocument> pending;
        lock (db.Lock) pending = db.PendingBlobs.FindAll().ToList();
        foreach (var doc in pending)
        {
            var id = doc["_id"].AsString;
            if (doc.TryGetValue("size", out var size)) BlobCollector.Collect(db, id, BlobLayout.ChunkCount(id, size.AsInt64));
            else DeleteUnknownLength(id);
        }
        return pending.Count;
    }

    /// <summary>
    /// An upload cut off by a crash: its chunk count is unknown, so its id range goes (a range DeleteMany scans
    /// far more than deletes by id, so it is only this fallback).
    /// </summary>
    void DeleteUnknownLength(string blobId)
    {
        var (from, to) = BlobLayout.ChunkRange(blobId);
        lock (db.Lock)
        {
            db.Chunks.DeleteMany(Query.And(Query.GTE("_id", from), Query.LT("_id", to)));
            db.PendingBlobs.Delete(blobId);
        }
    }

    public void Dispose() => _collector.Dispose();
}
