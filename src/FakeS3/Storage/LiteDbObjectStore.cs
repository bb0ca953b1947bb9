using LiteDB;

namespace FakeS3.Storage;

public sealed class LiteDbObjectStore(FakeS3Database db, LiteDbBlobStore blobs) : IObjectStore
{
    public BucketRecord? GetBucket(string name) => db.Buckets.FindById(name);

    public IReadOnlyList<BucketRecord> ListBuckets() => db.Buckets.Query().OrderBy(b => b.Id).ToList();

    public StoreStatus CreateBucket(BucketRecord bucket)
    {
        lock (db.CommitLock)
        {
            if (db.Buckets.FindById(bucket.Id) is not null) return StoreStatus.BucketAlreadyExists;
            db.Buckets.Insert(bucket);
            return StoreStatus.Ok;
        }
    }

    public StoreStatus DeleteBucket(string name)
    {
        lock (db.CommitLock)
        {
            if (db.Buckets.FindById(name) is null) return StoreStatus.NoSuchBucket;
            if (Enumerate(name, "", null).Any() || db.Uploads.Exists(u => u.Bucket == name)) return StoreStatus.BucketNotEmpty;
            db.Buckets.Delete(name);
            return StoreStatus.Ok;
        }
    }

    public void UpdateBucket(BucketRecord bucket)
    {
        lock (db.CommitLock) db.Buckets.Update(bucket);
    }

    public ObjectRecord? GetObject(string bucket, string key) => db.Objects.FindById(ObjectRecord.MakeId(bucket, key));

    public IEnumerable<ObjectRecord> Enumerate(string bucket, string prefix, string? after)
    {
        const int page = 256;
        var lower = ObjectRecord.MakeId(bucket, after is not null && string.CompareOrdinal(after, prefix) >= 0 ? after : prefix);
        var inclusive = after is null || string.CompareOrdinal(after, prefix) < 0;
        var idPrefix = ObjectRecord.MakeId(bucket, prefix);
        while (true)
        {
            var query = Query.And(inclusive ? Query.GTE("_id", lower) : Query.GT("_id", lower), Query.StartsWith("_id", idPrefix));
            var batch = db.Objects.Find(query, 0, page).ToList();
            foreach (var o in batch) yield return o;
            if (batch.Count < page) yield break;
            lower = batch[^1].Id;
            inclusive = false;
        }
    }

    public BlobWriter OpenBlobWriter() => blobs.OpenWrite();

    public Stream OpenRead(ObjectRecord obj, long offset, long length) => blobs.OpenRead(obj.Segments, offset, length);

    public StoreStatus Commit(ObjectRecord obj, BlobWriter blob)
    {
        obj.Id = ObjectRecord.MakeId(obj.Bucket, obj.Key);
        obj.Segments = [new BlobSegment { BlobId = blob.BlobId, Size = blob.Size }];
        return CommitSegments(obj, () => blob.CompleteInTransaction());
    }

    /// <summary>Swaps the object record in one transaction; frees the replaced version's blobs.</summary>
    internal StoreStatus CommitSegments(ObjectRecord obj, Action? insideTransaction) =>
        CommitSegments(obj, insideTransaction, out _);

    /// <summary><paramref name="gone"/>: the multipart upload disappeared (completed or aborted concurrently).</summary>
    internal StoreStatus CommitSegments(ObjectRecord obj, Action? insideTransaction, out bool gone)
    {
        gone = false;
        obj.Id = ObjectRecord.MakeId(obj.Bucket, obj.Key);
        lock (db.CommitLock)
        {
            if (db.Buckets.FindById(obj.Bucket) is null) return StoreStatus.NoSuchBucket;
            db.Db.BeginTrans();
            try
            {
                insideTransaction?.Invoke();
                var previous = db.Objects.FindById(obj.Id);
                db.Objects.Upsert(obj);
                if (previous is not null) blobs.MarkForDeletion(previous.Segments);
                db.Db.Commit();
                if (previous is not null) blobs.DeleteMarked(previous.Segments);
            }
            catch (LiteDbMultipartStore.UploadGoneException)
            {
                db.Db.Rollback();
                gone = true;
                return StoreStatus.NoSuchUpload;
            }
            catch
            {
                db.Db.Rollback();
                throw;
            }
            return StoreStatus.Ok;
        }
    }

    public StoreStatus UpdateMetadata(ObjectRecord obj)
    {
        lock (db.CommitLock)
        {
            return db.Objects.Update(obj) ? StoreStatus.Ok : StoreStatus.NoSuchKey;
        }
    }

    public StoreStatus DeleteObject(string bucket, string key)
    {
        lock (db.CommitLock)
        {
            if (db.Buckets.FindById(bucket) is null) return StoreStatus.NoSuchBucket;
            var obj = db.Objects.FindById(ObjectRecord.MakeId(bucket, key));
            if (obj is null) return StoreStatus.NoSuchKey;
            db.Db.BeginTrans();
            try
            {
                db.Objects.Delete(obj.Id);
                blobs.MarkForDeletion(obj.Segments);
                db.Db.Commit();
                blobs.DeleteMarked(obj.Segments);
            }
            catch
            {
                db.Db.Rollback();
                throw;
            }
            return StoreStatus.Ok;
        }
    }

    public void Reset()
    {
        lock (db.CommitLock)
        {
            db.Objects.DeleteAll();
            db.Parts.DeleteAll();
            db.Uploads.DeleteAll();
            db.Parts.DeleteAll();
            db.Chunks.DeleteAll();
            db.PendingBlobs.DeleteAll();
            db.Buckets.DeleteAll();
        }
    }
}
