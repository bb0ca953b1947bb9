using LiteDB;

namespace FakeS3.Storage;

/// <summary>Blob bytes as chunk documents "{blobId}/{index:D8}" in one collection.</summary>
public sealed class LiteDbBlobStore(FakeS3Database db)
{
    public BlobWriter OpenWrite() => new(db);

    public Stream OpenRead(IReadOnlyList<BlobSegment> segments, long offset, long length) =>
        new BlobReadStream(db, segments, offset, length);

    public void Delete(string blobId) => DeleteChunks(db, blobId);

    /// <summary>
    /// Inside a metadata transaction: marks replaced blobs as pending, so their (possibly many) chunks are
    /// deleted after the commit, in small transactions, and still get collected if the process stops first.
    /// </summary>
    internal void MarkForDeletion(IEnumerable<BlobSegment> segments)
    {
        foreach (var s in segments) db.PendingBlobs.Upsert(new BsonDocument { ["_id"] = s.BlobId });
    }

    internal void DeleteMarked(IEnumerable<BlobSegment> segments)
    {
        foreach (var s in segments)
        {
            DeleteChunks(db, s.BlobId);
            db.PendingBlobs.Delete(s.BlobId);
        }
    }

    internal static void DeleteChunks(FakeS3Database db, string blobId)
    {
        // '/' (0x2F) < '0' (0x30): the range ["id/", "id0") holds exactly this blob's chunks.
        db.Chunks.DeleteMany(Query.And(Query.GTE("_id", blobId + "/"), Query.LT("_id", blobId + "0")));
    }

    /// <summary>Deletes blobs whose upload never finished (process stopped mid-upload).</summary>
    public int CollectAbandoned()
    {
        var ids = db.PendingBlobs.FindAll().Select(d => d["_id"].AsString).ToList();
        foreach (var id in ids)
        {
            DeleteChunks(db, id);
            db.PendingBlobs.Delete(id);
        }
        return ids.Count;
    }
}
