using LiteDB;

namespace FakeS3.Storage;

/// <summary>Blob bytes as chunk documents "{blobId}/{index:D8}" in one collection.</summary>
public sealed class LiteDbBlobStore(FakeS3Database db)
{
    readonly ChunkCache _smallBlobs = new();

    public BlobWriter OpenWrite() => new(db);

    public Stream OpenRead(IReadOnlyList<BlobSegment> segments, long offset, long length) =>
        new BlobReadStream(db, _smallBlobs, segments, offset, length);


    /// <summary>
    /// Inside a metadata transaction: marks replaced blobs as pending, so their (possibly many) chunks are
    /// deleted after the commit, in small transactions, and still get collected if the process stops first.
    /// </summary>
    internal void MarkForDeletion(IEnumerable<BlobSegment> segments)
    {
        foreach (var s in segments) db.PendingBlobs.Upsert(new BsonDocument { ["_id"] = s.BlobId, ["size"] = s.Size });
    }

    internal void DeleteMarked(IEnumerable<BlobSegment> segments)
    {
        foreach (var s in segments)
        {
            DeleteChunks(db, s.BlobId, ChunkCount(s.Size));
            db.PendingBlobs.Delete(s.BlobId);
        }
    }

    /// <summary>An empty blob still has one (empty) chunk.</summary>
    internal static int ChunkCount(long size) => (int)Math.Max(1, (size + BlobWriter.ChunkSize - 1) / BlobWriter.ChunkSize);

    /// <summary>
    /// Deletes a blob's chunks by id when their number is known: a range DeleteMany scans far more and made every
    /// overwrite several times slower. Unknown count (an upload cut off by a crash): the id range.
    /// </summary>
    internal static void DeleteChunks(FakeS3Database db, string blobId, int? chunkCount)
    {
        if (chunkCount is { } count)
        {
            for (var i = 0; i < count; i++) db.Chunks.Delete(BlobWriter.ChunkId(blobId, i));
            return;
        }
        // '/' (0x2F) < '0' (0x30): the range ["id/", "id0") holds exactly this blob's chunks.
        db.Chunks.DeleteMany(Query.And(Query.GTE("_id", blobId + "/"), Query.LT("_id", blobId + "0")));
    }

    /// <summary>Deletes blobs whose upload never finished (process stopped mid-upload).</summary>
    public int CollectAbandoned()
    {
        lock (db.Lock) return CollectAbandonedLocked();
    }

    int CollectAbandonedLocked()
    {
        var pending = db.PendingBlobs.FindAll().ToList();
        foreach (var doc in pending)
        {
            var id = doc["_id"].AsString;
            DeleteChunks(db, id, doc.TryGetValue("size", out var size) ? ChunkCount(size.AsInt64) : null);
            db.PendingBlobs.Delete(id);
        }
        return pending.Count;
    }
}
