namespace FakeS3.Storage;

/// <summary>
/// An object's metadata as stored. The bytes live in blob segments (one for PUT/POST, one per part after a
/// multipart completion), so completing an upload never copies data, or, for small objects, inline.
/// </summary>
internal sealed class ObjectRecord
{
    /// <summary><see cref="Storage.SortKey.RecordId"/>: unique per bucket and key; not the listing order.</summary>
    public string Id { get; set; } = "";
    /// <summary>The listing order (<see cref="Storage.SortKey.For"/>), indexed.</summary>
    public byte[] SortKey { get; set; } = [];
    public string Bucket { get; set; } = "";
    public string Key { get; set; } = "";
    public long Size { get; set; }
    /// <summary>Quoted, as S3 returns it: "md5hex" or "md5hex-N".</summary>
    public string ETag { get; set; } = "";
    public DateTime LastModified { get; set; }
    public string ContentType { get; set; } = "binary/octet-stream";
    public string? ContentEncoding { get; set; }
    public string? ContentDisposition { get; set; }
    public string? ContentLanguage { get; set; }
    public string? CacheControl { get; set; }
    public string? Expires { get; set; }
    public string? WebsiteRedirectLocation { get; set; }
    public string StorageClass { get; set; } = "STANDARD";
    public Dictionary<string, string> Metadata { get; set; } = new(StringComparer.Ordinal);
    public string? ChecksumAlgorithm { get; set; }
    public string? ChecksumValue { get; set; }
    public string? ChecksumType { get; set; }
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);
    public string Acl { get; set; } = "private";
    public int? PartsCount { get; set; }
    /// <summary>The multipart upload this object was completed from, so a repeated CompleteMultipartUpload can answer again.</summary>
    public string? UploadId { get; set; }
    public List<BlobSegment> Segments { get; set; } = [];
    /// <summary>The bytes of a small object, kept in this record instead of a blob (then Segments is empty).</summary>
    public byte[]? Inline { get; set; }

    public static string MakeId(string bucket, string key) => Storage.SortKey.RecordId(bucket, key);

    /// <summary>A copy for callers of the read cache (they may change it before writing it back).</summary>
    public ObjectRecord Clone() => (ObjectRecord)MemberwiseClone();
}

internal sealed class BlobSegment
{
    public string BlobId { get; set; } = "";
    public long Size { get; set; }
    /// <summary>The part's own checksum (same algorithm as the object's) for GetObject ?partNumber= with checksum mode.</summary>
    public string? Checksum { get; set; }
}
