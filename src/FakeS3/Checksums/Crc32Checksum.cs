using System.Buffers.Binary;
using System.IO.Hashing;

namespace FakeS3.Checksums;

/// <summary>CRC-32 (IEEE) via System.IO.Hashing, which emits little-endian bytes; S3 wants big-endian (spec §5.4).</summary>
internal sealed class Crc32Checksum : IChecksum
{
    readonly Crc32 _crc = new();

    public ChecksumAlgorithm Algorithm => ChecksumAlgorithm.Crc32;

    public void Append(ReadOnlySpan<byte> data) => _crc.Append(data);

    public void GetCurrentHash(Span<byte> destination) =>
        BinaryPrimitives.WriteUInt32BigEndian(destination, _crc.GetCurrentHashAsUInt32());
}
