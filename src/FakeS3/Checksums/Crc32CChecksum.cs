using System.Buffers.Binary;

namespace FakeS3.Checksums;

/// <summary>
/// CRC-32C (Castagnoli, reflected poly 0x82F63B78, init/xorout all ones). System.IO.Hashing has no CRC-32C,
/// so it is computed here: carry-less-multiply folding for long inputs, slicing-by-8 otherwise (spec §5.4).
/// </summary>
internal sealed class Crc32CChecksum : IChecksum
{
    const uint Poly = 0x82F63B78u;
    static readonly ReflectedCrc Crc = new(32, Poly);
    uint _state = 0xFFFFFFFFu;

    public ChecksumAlgorithm Algorithm => ChecksumAlgorithm.Crc32C;

    public void Append(ReadOnlySpan<byte> data) => _state = (uint)Crc.Update(_state, data);

    public void GetCurrentHash(Span<byte> destination) => BinaryPrimitives.WriteUInt32BigEndian(destination, ~_state);
}
