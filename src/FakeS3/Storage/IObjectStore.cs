namespace FakeS3.Storage;

/// <summary>Buckets and objects. Knows nothing of HTTP or S3 errors: it reports <see cref="StoreStatus"/>.</summary>
internal interface IObjectStore
{
    BucketRecord? GetBucket(string name);
    IReadOnlyList<BucketRecord> ListBuckets();
    StoreStatus CreateBucket(BucketRecord bucket);
    StoreStatus DeleteBucket(string name);
    void UpdateBucket(BucketRecord bucket);

    ObjectRecord? GetObject(string bucket, string key);

    bool BucketExists(string name);

    /// <summary>
    /// The stored record itself, not a copy: for readers only (GET/HEAD), which must not change it. Cheaper than
    /// <see cref="GetObject"/> on the hot path; a later commit replaces the cached record, never mutates it.
    /// </summary>
    ObjectRecord? GetObjectForRead(string bucket, string key);

    /// <summary>Objects with the prefix whose key sorts after <paramref name="after"/> (ordinal), in key order.</summary>
    IEnumerable<ObjectRecord> Enumerate(string bucket, string prefix, string? after);

    BlobWriter OpenBlobWriter();
    Stream OpenRead(ObjectRecord obj, long offset, long length);

    /// <summary>
    /// Makes the object visible in one step, replacing (and freeing) any previous version. Completes once the
    /// record is committed (group commit: concurrent uploads share a transaction).
    /// </summary>
    Task<StoreStatus> CommitAsync(ObjectRecord obj, BlobWriter blob);

    /// <summary>Replaces metadata only (tags, ACL); the bytes stay.</summary>
    StoreStatus UpdateMetadata(ObjectRecord obj);

    StoreStatus DeleteObject(string bucket, string key);

    /// <summary>Deletes every bucket, object, upload and blob.</summary>
    void Reset();
}
