using System.Collections.Concurrent;
using LiteDB;

namespace FakeS3.Storage;

/// <summary>
/// Buckets and object records in LiteDB, with in-memory read caches (all buckets; recently used object records)
/// kept in step with every commit, so the hot GET path does not pay a LiteDB lookup per request.
/// </summary>
internal sealed class LiteDbObjectStore : IObjectStore, IDisposable
{
    readonly FakeS3Database db;
    readonly LiteDbBlobStore blobs;
    readonly ObjectCache _objects = new();
    readonly ConcurrentDictionary<string, BucketRecord> _buckets = new(StringComparer.Ordinal);
    readonly GroupCommitter _committer;

    public LiteDbObjectStore(FakeS3Database db, LiteDbBlobStore blobs)
    {
        this.db = db;
        this.blobs = blobs;
        foreach (var b in db.Buckets.FindAll()) _buckets[b.Id] = b;
        _committer = new GroupCommitter(CommitBatch, CommitOne);
    }

    public void Dispose() => _committer.Dispose();

    public BucketRecord? GetBucket(string name) => _buckets.TryGetValue(name, out var b) ? b.Clone() : null;

    public IReadOnlyList<BucketRecord> ListBuckets() =>
        _buckets.Values.OrderBy(b => b.Id, StringComparer.Ordinal).Select(b => b.Clone()).ToList();

    public StoreStatus CreateBucket(BucketRecord bucket)
    {
        lock (db.Lock)
        {
            if (_buckets.ContainsKey(bucket.Id)) return StoreStatus.BucketAlreadyExists;
            db.Buckets.Insert(bucket);
            _buckets[bucket.Id] = bucket.Clone();
            return StoreStatus.Ok;
        }
    }

    public StoreStatus DeleteBucket(string name)
    {
        lock (db.Lock)
        {
            if (!_buckets.ContainsKey(name)) return StoreStatus.NoSuchBucket;
            if (Enumerate(name, "", null).Any()) return StoreStatus.BucketNotEmpty;
            // Unfinished multipart uploads do not keep a bucket alive: they are deleted with it (issue 12; a test
            // suite that aborts mid-upload must still be able to delete its bucket).
            var uploads = db.Uploads.Find(u => u.Bucket == name).Select(u => u.Id).ToList();
            List<BlobSegment> large;
            db.Db.BeginTrans();
            try
            {
                var parts = new List<BlobSegment>();
                foreach (var id in uploads)
                {
                    parts.AddRange(db.Parts.Find(Query.StartsWith("_id", id + "/")).Select(p => new BlobSegment { BlobId = p.BlobId, Size = p.Size }));
                    db.Parts.DeleteMany(Query.StartsWith("_id", id + "/"));
                    db.Uploads.Delete(id);
                }
                large = blobs.Release(parts);
                db.Buckets.Delete(name);
                db.Db.Commit();
            }
            catch
            {
                db.Db.Rollback();
                throw;
            }
            _buckets.TryRemove(name, out _);
            blobs.CollectLater(large);
            return StoreStatus.Ok;
        }
    }

    public void UpdateBucket(BucketRecord bucket)
    {
        lock (db.Lock)
        {
            if (db.Buckets.Update(bucket)) _buckets[bucket.Id] = bucket.Clone();
        }
    }

    public bool BucketExists(string name) => _buckets.ContainsKey(name);

    public ObjectRecord? GetObjectForRead(string bucket, string key) =>
        _objects.Peek(ObjectRecord.MakeId(bucket, key)) ?? GetObject(bucket, key);

    public ObjectRecord? GetObject(string bucket, string key)
    {
        var id = ObjectRecord.MakeId(bucket, key);
        if (_objects.Get(id) is { } cached) return cached;
        var generation = _objects.Generation;
        ObjectRecord? record;
        lock (db.Lock) record = db.Objects.FindById(id);
        if (record is not null) _objects.FillIfUnchanged(record, generation);
        return record;
    }

    public IEnumerable<ObjectRecord> Enumerate(string bucket, string prefix, string? after)
    {
        const int page = 256;
        var lower = ObjectRecord.MakeId(bucket, after is not null && string.CompareOrdinal(after, prefix) >= 0 ? after : prefix);
        var inclusive = after is null || string.CompareOrdinal(after, prefix) < 0;
        var idPrefix = ObjectRecord.MakeId(bucket, prefix);
        while (true)
        {
            var query = Query.And(inclusive ? Query.GTE("_id", lower) : Query.GT("_id", lower), Query.StartsWith("_id", idPrefix));
            List<ObjectRecord> batch;
            lock (db.Lock) batch = db.Objects.Find(query, 0, page).ToList();
            foreach (var o in batch) yield return o;
            if (batch.Count < page) yield break;
            lower = batch[^1].Id;
            inclusive = false;
        }
    }

    public BlobWriter OpenBlobWriter() => blobs.OpenWrite();

    public Stream OpenRead(ObjectRecord obj, long offset, long length) => obj.Inline is { } bytes
        ? new MemoryStream(bytes, (int)offset, (int)length, writable: false)
        : blobs.OpenRead(obj.Segments, offset, length);

    public Task<StoreStatus> CommitAsync(ObjectRecord obj, BlobWriter blob)
    {
        obj.Id = ObjectRecord.MakeId(obj.Bucket, obj.Key);
        obj.Inline = blob.TakeInline();
        obj.Segments = obj.Inline is null ? [new BlobSegment { BlobId = blob.BlobId, Size = blob.Size }] : [];
        return _committer.CommitAsync(obj, blob);
    }

    /// <summary>The group committer's batch: every commit in one transaction, then the caches and blob cleanup.</summary>
    void CommitBatch(IReadOnlyList<PendingCommit> batch)
    {
        lock (db.Lock)
        {
            var applied = new List<PendingCommit>(batch.Count);
            var large = new List<BlobSegment>();
            db.Db.BeginTrans();
            try
            {
                foreach (var p in batch)
                {
                    if (!_buckets.ContainsKey(p.Object.Bucket))
                    {
                        p.Completion.TrySetResult(StoreStatus.NoSuchBucket);
                        continue;
                    }
                    p.Blob.WriteTailInTransaction();
                    // Two uploads of one key in a batch: the second's "previous" is the first, read inside the transaction.
                    var previous = db.Objects.FindById(p.Object.Id);
                    db.Objects.Upsert(p.Object);
                    if (previous is not null) large.AddRange(blobs.Release(previous.Segments));
                    applied.Add(p);
                }
                db.Db.Commit();
            }
            catch
            {
                db.Db.Rollback();
                throw;
            }
            foreach (var p in applied)
            {
                p.Blob.Confirm();
                _objects.Set(p.Object);
                p.Completion.TrySetResult(StoreStatus.Ok);
            }
            blobs.CollectLater(large);
        }
    }

    StoreStatus CommitOne(PendingCommit p)
    {
        var status = CommitSegments(p.Object, p.Blob.WriteTailInTransaction);
        if (status == StoreStatus.Ok) p.Blob.Confirm();
        return status;
    }

    /// <summary>Swaps the object record in one transaction; frees the replaced version's blobs.</summary>
    internal StoreStatus CommitSegments(ObjectRecord obj, Action? insideTransaction) =>
        CommitSegments(obj, insideTransaction, out _);

    /// <summary><paramref name="gone"/>: the multipart upload disappeared (completed or aborted concurrently).</summary>
    internal StoreStatus CommitSegments(ObjectRecord obj, Action? insideTransaction, out bool gone)
    {
        gone = false;
        obj.Id = ObjectRecord.MakeId(obj.Bucket, obj.Key);
        lock (db.Lock)
        {
            if (!_buckets.ContainsKey(obj.Bucket)) return StoreStatus.NoSuchBucket;
            db.Db.BeginTrans();
            try
            {
                insideTransaction?.Invoke();
                var previous = db.Objects.FindById(obj.Id);
                db.Objects.Upsert(obj);
                var large = previous is null ? [] : blobs.Release(previous.Segments);
                db.Db.Commit();
                _objects.Set(obj);
                blobs.CollectLater(large);
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
        lock (db.Lock)
        {
            if (!db.Objects.Update(obj)) return StoreStatus.NoSuchKey;
            _objects.Set(obj);
            return StoreStatus.Ok;
        }
    }

    public StoreStatus DeleteObject(string bucket, string key)
    {
        lock (db.Lock)
        {
            if (!_buckets.ContainsKey(bucket)) return StoreStatus.NoSuchBucket;
            var obj = db.Objects.FindById(ObjectRecord.MakeId(bucket, key));
            if (obj is null) return StoreStatus.NoSuchKey;
            db.Db.BeginTrans();
            try
            {
                db.Objects.Delete(obj.Id);
                var large = blobs.Release(obj.Segments);
                db.Db.Commit();
                _objects.Remove(obj.Id);
                blobs.CollectLater(large);
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
        lock (db.Lock)
        {
            db.Objects.DeleteAll();
            db.Parts.DeleteAll();
            db.Uploads.DeleteAll();
            db.Parts.DeleteAll();
            db.Chunks.DeleteAll();
            db.PendingBlobs.DeleteAll();
            db.Buckets.DeleteAll();
            _buckets.Clear();
            _objects.Clear();
        }
    }
}
