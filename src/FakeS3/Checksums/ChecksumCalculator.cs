namespace FakeS3.Checksums;

/// <summary>Creates incremental checksums and formats them as S3 does: base64 of the big-endian digest.</summary>
internal static class ChecksumCalculator
{
    public static IChecksum Create(ChecksumAlgorithm algorithm) => algorithm switch
    {
        ChecksumAlgorithm.Crc32 => new Crc32Checksum(),
        ChecksumAlgorithm.Crc32C => new Crc32CChecksum(),
        ChecksumAlgorithm.Crc64Nvme => new Crc64NvmeChecksum(),
        ChecksumAlgorithm.Sha1 => new HashChecksum(ChecksumAlgorithm.Sha1),
        ChecksumAlgorithm.Sha256 => new HashChecksum(ChecksumAlgorithm.Sha256),
    };

    public static string ToBase64(this IChecksum checksum)
    {
        Span<byte> digest = stackalloc byte[checksum.Algorithm.DigestLength()];
        checksum.GetCurrentHash(digest);
        return Convert.ToBase64String(digest);
    }

    public static string Compute(ChecksumAlgorithm algorithm, ReadOnlySpan<byte> data)
    {
        var checksum = Create(algorithm);
        checksum.Append(data);
        var result = checksum.ToBase64();
        (checksum as IDisposable)?.Dispose();
        return result;
    }
}
