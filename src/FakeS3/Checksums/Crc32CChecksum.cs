using System.Buffers.Binary;

namespace FakeS3.Checksums;

/// <summary>
/// CRC-32C (Castagnoli, reflected poly 0x82F63B78, init/xorout all ones). System.IO.Hashing has no CRC-32C,
/// so it is table-driven here, slicing-by-8 for speed (spec §5.4).
/// </summary>
internal sealed class Crc32CChecksum : IChecksum
{
    static readonly uint[] Table = CrcTables.Build32(0x82F63B78u);
    uint _state = 0xFFFFFFFFu;

    public ChecksumAlgorithm Algorithm => ChecksumAlgorithm.Crc32C;

    public void Append(ReadOnlySpan<byte> data) => _state = CrcTables.Update32(Table, _state, data);

    public void GetCurrentHash(Span<byte> destination) => BinaryPrimitives.WriteUInt32BigEndian(destination, ~_state);
}
