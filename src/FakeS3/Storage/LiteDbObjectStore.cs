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
    readonly KeyLocks _keys = new();

    public LiteDbObjectStore(FakeS3Database db, LiteDbBlobStore blobs)
    {
        this.db = db;
        this.blobs = blobs;
        foreach (var b in db.Buckets.FindAll()) _buckets[b.Id] = b;
        _committer = new GroupCommitter(CommitBatch, CommitOne);
        db.Reopened += () =>
        {
            // A commit LiteDB acknowledged may not have reached the file before the engine stopped: read again.
            _objects.Clear();
            _buckets.Clear();
            foreach (var b in db.Buckets.FindAll()) _buckets[b.Id] = b;
        };
    }

    public void RecoverAfterFault(bool diskFull) => db.RecoverAfterFault(diskFull);

    public void EnsureAvailable() => db.EnsureAvailable();

    public void Dispose() => _committer.Dispose();

    /// <summary>For the storage ceiling tool: how many commits shared each group-commit transaction.</summary>
    public (long Batches, long Commits) GroupCommitStats => (_committer.Batches, _committer.Commits);

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
            var all = SortKey.For(name, "");
            if (ReadRange(all, SortKey.PrefixEnd(all), 1).Records.Count > 0) return StoreStatus.BucketNotEmpty;
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
                    parts.AddRange(db.Parts.Find(LiteDbMultipartStore.PartRange(id, 1)).Select(p => new BlobSegment { BlobId = p.BlobId, Size = p.Size }));
                    db.Parts.DeleteMany(LiteDbMultipartStore.PartRange(id, 1));
                    db.Uploads.Delete(id);
                }
                large = blobs.Release(parts);
                db.Buckets.Delete(name);
                db.Db.Commit();
            }
            catch
            {
                db.TryRollback();
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
        _objects.Peek(ObjectRecord.MakeId(bucket, key)) is { } cached ? cached : Load(ObjectRecord.MakeId(bucket, key));

    public ObjectRecord? GetObject(string bucket, string key)
    {
        var id = ObjectRecord.MakeId(bucket, key);
        if (_objects.Get(id) is { } cached) return cached;
        return Load(id)?.Clone();
    }

    /// <summary>A cache miss: read under the key's stripe, so no commit of that key lands between the read and the fill.</summary>
    ObjectRecord? Load(string id)
    {
        lock (_keys.For(id))
        {
            if (_objects.Peek(id) is { } cached) return cached;
            ObjectRecord? record;
            lock (db.Lock) record = db.Objects.FindById(id);
            if (record is not null) _objects.FillIfUnchanged(record, _objects.Generation);
            return record;
        }
    }

    public ObjectListing List(string bucket, string prefix, string? delimiter, string? after, int maxKeys) =>
        ObjectListing.Page(ReadRange, bucket, prefix, delimiter, after, maxKeys);

    (List<ListedObject> Records, bool More) ReadRange(byte[] lo, byte[] hi, int limit) =>
        SortedRange.Read(db, () => db.ObjectDocuments, ListedObject.Fields, ListedObject.From, o => o.SortKey,
            static (a, b) => SortKey.Compare(a.Key, b.Key), lo, hi, limit);

    public BlobWriter OpenBlobWriter(long? expectedSize = null) => blobs.OpenWrite(expectedSize);

    public Stream? OpenRead(ObjectRecord obj, long offset, long length)
    {
        if (obj.Inline is { } bytes) return new MemoryStream(bytes, (int)offset, (int)length, writable: false);
        lock (_keys.For(obj.Id))
        {
            // Under the stripe no commit of this key can free these blobs: lease them if still current.
            var current = _objects.Peek(obj.Id) ?? Load(obj.Id);
            if (current is null || !SameBlobs(current, obj)) return null;
            return blobs.OpenLeased(obj.Segments, offset, length);
        }
    }

    static bool SameBlobs(ObjectRecord a, ObjectRecord b) =>
        a.Inline is null && a.Segments.Count == b.Segments.Count && a.Segments.Select(s => s.BlobId).SequenceEqual(b.Segments.Select(s => s.BlobId));

    public Task<StoreStatus> CommitAsync(ObjectRecord obj, BlobWriter blob, WriteCondition? condition = null)
    {
        // Checked once the body is read (as at every chunk group): refusing before it was read would answer
        // without "100 Continue", which some clients (botocore) then fail to parse.
        db.EnsureRoomForUpload(blob.Buffered);
        Identify(obj);
        obj.Inline = blob.TakeInline();
        obj.Segments = obj.Inline is null ? [blob.Segment] : [];
        return _committer.CommitAsync(obj, blob, condition);
    }

    /// <summary>Tests only: runs inside each batch's transaction before its commit (to fail one).</summary>
    internal Action? InsideBatchForTests { get; set; }

    /// <summary>The group committer's batch: every commit in one transaction, then the caches and blob cleanup.</summary>
    void CommitBatch(IReadOnlyList<PendingCommit> batch)
    {
        using var stripes = _keys.Enter(batch.Select(p => p.Object.Id));
        lock (db.Lock)
        {
            var applied = new List<(PendingCommit Commit, bool Replaced)>(batch.Count);
            var large = new List<BlobSegment>();
            // Per key: the version committed before this batch, and the batch's last version of it.
            var written = new Dictionary<string, (ObjectRecord? Stored, ObjectRecord Last)>(batch.Count, StringComparer.Ordinal);
            var adoptions = new List<PendingCommit>();
            db.Db.BeginTrans();
            try
            {
                foreach (var p in batch)
                {
                    if (!_buckets.ContainsKey(p.Object.Bucket) || p.Blob.LostToReset)
                    {
                        p.Resolve(StoreStatus.NoSuchBucket);
                        continue;
                    }
                    // Two uploads of one key in a batch: the second's "previous" is the first, superseded in this transaction.
                    var stored = written.TryGetValue(p.Object.Id, out var seen) ? seen.Stored : Previous(p.Object.Id);
                    var previous = seen.Last ?? stored;
                    if (p.Condition?.Check(previous) is { } refused and not StoreStatus.Ok)
                    {
                        p.Resolve(refused); // its blob is deleted by the caller's dispose, as for a missing bucket
                        continue;
                    }
                    // The key's first upload in the batch may write into the committed version's chunk.
                    var adopted = previous is not null && seen.Last is null && p.Object.Inline is null ? blobs.Adopt(previous, p.Blob) : null;
                    if (adopted is not null)
                    {
                        adoptions.Add(p);
                        p.Object.Segments = [p.Blob.Segment];
                    }
                    p.Blob.WriteTailInTransaction();
                    if (previous is not null) large.AddRange(blobs.Release(previous.Segments, adopted));
                    written[p.Object.Id] = (stored, p.Object);
                    applied.Add((p, previous is not null));
                }
                // Only each key's last version reaches LiteDB: no reader can see a version before the transaction
                // commits, so the ones it superseded are never visible, and the committed state is the same. Uploads
                // overwriting one key (a form posting to a fixed key, the POST benchmark) wrote the same document
                // once per upload in the batch (issue 14).
                foreach (var (stored, last) in written.Values) Write(last, stored);
                InsideBatchForTests?.Invoke();
                db.Db.Commit();
            }
            catch
            {
                db.TryRollback();
                // Retried one by one (GroupCommitter): each with its own fresh chunk, as before the batch.
                foreach (var p in adoptions)
                {
                    p.Blob.UndoAdoption();
                    p.Object.Segments = [p.Blob.Segment];
                }
                throw;
            }
            foreach (var (p, replaced) in applied)
            {
                p.Blob.Confirm();
                _objects.Set(p.Object, admit: replaced);
                p.Resolve(StoreStatus.Ok);
            }
            blobs.CollectLater(large);
        }
    }

    /// <summary>
    /// The committed record of a key, with the key's stripe and the store lock held. The cache holds exactly the
    /// committed record of every key it has (each commit sets it under the same locks; a miss reads LiteDB under the
    /// stripe), so a hit needs no lookup: LiteDB's FindById parses a query per call and was half of a small
    /// upload's commit (issue 14, POST 4 KiB profile).
    /// </summary>
    ObjectRecord? Previous(string id) => _objects.Peek(id) ?? db.Objects.FindById(id);

    /// <summary>The previous version was just read: an Upsert would look the key up a second time.</summary>
    void Write(ObjectRecord obj, ObjectRecord? previous)
    {
        if (previous is null) db.Objects.Insert(obj);
        else if (!db.Objects.Update(obj)) throw new InvalidOperationException($"Object record {obj.Id} vanished under its lock.");
    }

    StoreStatus CommitOne(PendingCommit p)
    {
        var status = CommitSegments(p.Object, p.Blob.WriteTailInTransaction, p.Condition);
        if (status == StoreStatus.Ok) p.Blob.Confirm();
        return status;
    }

    /// <summary>
    /// Swaps the object record in one transaction; frees the replaced version's blobs. <paramref name="insideTransaction"/>
    /// may refuse the commit (<see cref="CommitRefusedException"/>: a multipart upload gone or changed).
    /// </summary>
    internal StoreStatus CommitSegments(ObjectRecord obj, Action? insideTransaction, WriteCondition? condition = null)
    {
        Identify(obj);
        lock (_keys.For(obj.Id))
        lock (db.Lock)
        {
            if (!_buckets.ContainsKey(obj.Bucket)) return StoreStatus.NoSuchBucket;
            if (condition?.Check(Previous(obj.Id)) is { } refused and not StoreStatus.Ok) return refused;
            db.Db.BeginTrans();
            try
            {
                insideTransaction?.Invoke();
                var previous = Previous(obj.Id);
                Write(obj, previous);
                var large = previous is null ? [] : blobs.Release(previous.Segments);
                db.Db.Commit();
                _objects.Set(obj, admit: previous is not null);
                blobs.CollectLater(large);
            }
            catch (CommitRefusedException stop)
            {
                db.TryRollback();
                return stop.Status;
            }
            catch
            {
                db.TryRollback();
                throw;
            }
            return StoreStatus.Ok;
        }
    }

    /// <summary>
    /// Tags and ACL onto the current version: a caller's copy may predate an overwrite, and writing it back whole
    /// would bring back freed blobs.
    /// </summary>
    public StoreStatus UpdateMetadata(ObjectRecord obj)
    {
        var id = ObjectRecord.MakeId(obj.Bucket, obj.Key);
        lock (_keys.For(id))
        lock (db.Lock)
        {
            var current = db.Objects.FindById(id);
            if (current is null) return StoreStatus.NoSuchKey;
            current.Tags = obj.Tags;
            current.Acl = obj.Acl;
            db.Objects.Update(current);
            _objects.Set(current, admit: true);
            return StoreStatus.Ok;
        }
    }

    static void Identify(ObjectRecord obj)
    {
        obj.Id = ObjectRecord.MakeId(obj.Bucket, obj.Key);
        obj.SortKey = SortKey.For(obj.Bucket, obj.Key);
    }

    public StoreStatus DeleteObject(string bucket, string key)
    {
        db.MakeRoomForDelete();
        var id = ObjectRecord.MakeId(bucket, key);
        lock (_keys.For(id))
        lock (db.Lock)
        {
            if (!_buckets.ContainsKey(bucket)) return StoreStatus.NoSuchBucket;
            var obj = Previous(id);
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
                db.TryRollback();
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
            db.Chunks.DeleteAll();
            db.PendingBlobs.DeleteAll();
            db.Buckets.DeleteAll();
            db.Resets++;
            _buckets.Clear();
            _objects.Clear();
        }
    }
}
