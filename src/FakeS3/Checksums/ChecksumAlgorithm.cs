namespace FakeS3.Checksums;

/// <summary>The S3 flexible-checksum algorithms (spec §5.4).</summary>
internal enum ChecksumAlgorithm
{
    Crc32,
    Crc32C,
    Crc64Nvme,
    Sha1,
    Sha256,
}
