using LiteDB;

namespace FakeS3.Storage;

/// <summary>Blob bytes as chunk documents "{blobId}/{index:D8}" in one collection.</summary>
internal sealed class LiteDbBlobStore(FakeS3Database db) : IDisposable
{
    /// <summary>
    /// Blobs of at most this many chunks are deleted inside the transaction that frees them: one transaction
    /// instead of one per chunk (which made every overwrite of a small object several times slower).
    /// </summary>
    const int InlineDeleteChunks = 16;

    readonly ChunkCache _smallBlobs = new();
    readonly BlobCollector _collector = new(db);

    public BlobWriter OpenWrite() => new(db);

    public Stream OpenRead(IReadOnlyList<BlobSegment> segments, long offset, long length) =>
        new BlobReadStream(db, _smallBlobs, segments, offset, length);

    /// <summary>
    /// Inside the transaction that stops referencing <paramref name="segments"/>: small blobs are deleted right
    /// there; large ones get a pending marker and are returned, for <see cref="CollectLater"/> after the commit.
    /// </summary>
    internal List<BlobSegment> Release(IEnumerable<BlobSegment> segments)
    {
        var large = new List<BlobSegment>();
        foreach (var s in segments)
        {
            var count = ChunkCount(s.Size);
            if (count <= InlineDeleteChunks)
            {
                for (var i = 0; i < count; i++) db.Chunks.Delete(BlobWriter.ChunkId(s.BlobId, i));
                continue;
            }
            db.PendingBlobs.Upsert(new BsonDocument { ["_id"] = s.BlobId, ["size"] = s.Size });
            large.Add(s);
        }
        return large;
    }

    /// <summary>After the commit: large released blobs are deleted in the background.</summary>
    internal void CollectLater(IReadOnlyList<BlobSegment> large)
    {
        if (large.Count > 0) _collector.Enqueue(large);
    }

    /// <summary>An empty blob still has one (empty) chunk.</summary>
    internal static int ChunkCount(long size) => (int)Math.Max(1, (size + BlobWriter.ChunkSize - 1) / BlobWriter.ChunkSize);

    /// <summary>At start: deletes blobs left pending (an upload cut off, or a release not yet collected).</summary>
    public int CollectAbandoned()
    {
        List<BsonDocument> pending;
        lock (db.Lock) pending = db.PendingBlobs.FindAll().ToList();
        foreach (var doc in pending)
        {
            var id = doc["_id"].AsString;
            if (doc.TryGetValue("size", out var size)) BlobCollector.Collect(db, id, ChunkCount(size.AsInt64));
            else DeleteUnknownLength(id);
        }
        return pending.Count;
    }

    /// <summary>
    /// An upload cut off by a crash: its chunk count is unknown, so its id range goes (a range DeleteMany scans
    /// far more than deletes by id, so it is only this fallback). '/' (0x2F) &lt; '0' (0x30): the range
    /// ["id/", "id0") holds exactly this blob's chunks.
    /// </summary>
    void DeleteUnknownLength(string blobId)
    {
        lock (db.Lock)
        {
            db.Chunks.DeleteMany(Query.And(Query.GTE("_id", blobId + "/"), Query.LT("_id", blobId + "0")));
            db.PendingBlobs.Delete(blobId);
        }
    }

    public void Dispose() => _collector.Dispose();
}
