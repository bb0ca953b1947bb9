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

    /// <summary>
    /// One listing page in UTF-8 binary key order: keys starting with <paramref name="prefix"/> after
    /// <paramref name="after"/>, grouped by <paramref name="delimiter"/> (all plain strings, never patterns).
    /// </summary>
    ObjectListing List(string bucket, string prefix, string? delimiter, string? after, int maxKeys);

    /// <param name="expectedSize">The body's size when known before it arrives (Content-Length, a copy's source):
    /// a large body may then reuse the chunk documents of a freed blob of about that size.</param>
    BlobWriter OpenBlobWriter(long? expectedSize = null);

    /// <summary>
    /// The bytes of <paramref name="obj"/>, read as one version to the end even if the key is overwritten or
    /// deleted meanwhile. Null when <paramref name="obj"/> is no longer the key's current version (replaced
    /// since it was read): read the record again.
    /// </summary>
    Stream? OpenRead(ObjectRecord obj, long offset, long length);

    /// <summary>
    /// Makes the object visible in one step, replacing (and freeing) any previous version. Completes once the
    /// record is committed (group commit: concurrent uploads share a transaction). A <paramref name="condition"/> is
    /// checked against the committed version in the same transaction; if it fails nothing changes.
    /// </summary>
    Task<StoreStatus> CommitAsync(ObjectRecord obj, BlobWriter blob, WriteCondition? condition = null);

    /// <summary>Replaces metadata only (tags, ACL); the bytes stay.</summary>
    StoreStatus UpdateMetadata(ObjectRecord obj);

    StoreStatus DeleteObject(string bucket, string key);

    /// <summary>After a failed call: reopens the database if its engine stopped (e.g. an I/O error on a full disk).</summary>
    void RecoverAfterFault(bool diskFull);

    /// <summary>Throws <see cref="StoreUnavailableException"/> while the database is closed after a failed reopen.</summary>
    void EnsureAvailable();

    /// <summary>Deletes every bucket, object, upload and blob.</summary>
    void Reset();
}
