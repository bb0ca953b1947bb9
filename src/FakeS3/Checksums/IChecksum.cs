namespace FakeS3.Checksums;

/// <summary>An incremental checksum: Append the body in pieces, then read the big-endian digest.</summary>
internal interface IChecksum
{
    ChecksumAlgorithm Algorithm { get; }
    void Append(ReadOnlySpan<byte> data);

    /// <summary>Writes the big-endian digest (DigestLength bytes) without resetting.</summary>
    void GetCurrentHash(Span<byte> destination);
}
