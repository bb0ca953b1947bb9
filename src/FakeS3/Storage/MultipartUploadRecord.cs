namespace FakeS3.Storage;

/// <summary>An initiated multipart upload; the object attributes are those given to CreateMultipartUpload.</summary>
internal sealed class MultipartUploadRecord
{
    public string Id { get; set; } = "";
    public string Bucket { get; set; } = "";
    public string Key { get; set; } = "";
    /// <summary>The listing order (<see cref="Storage.SortKey.For"/>), indexed.</summary>
    public byte[] SortKey { get; set; } = [];
    public DateTime Initiated { get; set; }
    /// <summary>Template for the completed object (content type, metadata, tags, ACL, checksum algorithm).</summary>
    public ObjectRecord Template { get; set; } = new();
}

internal sealed class PartRecord
{
    /// <summary>"{uploadId}/{partNumber:D5}" so a prefix range lists the parts in order.</summary>
    public string Id { get; set; } = "";
    public string UploadId { get; set; } = "";
    public int PartNumber { get; set; }
    public long Size { get; set; }
    public string ETag { get; set; } = "";
    public DateTime LastModified { get; set; }
    /// <summary>The algorithm of <see cref="ChecksumValue"/> ("CRC32", …): the client's, else CRC64NVME computed.</summary>
    public string? ChecksumAlgorithm { get; set; }
    public string? ChecksumValue { get; set; }
    /// <summary>The part's CRC64NVME when its upload names no algorithm: the completed object's default checksum combines them.</summary>
    public string? Crc64Nvme { get; set; }
    public string BlobId { get; set; } = "";

    public static string MakeId(string uploadId, int partNumber) => $"{uploadId}/{partNumber:D5}";
}
