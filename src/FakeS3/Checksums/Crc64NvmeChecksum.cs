using System.Buffers.Binary;

namespace FakeS3.Checksums;

/// <summary>
/// CRC-64/NVME (reflected poly 0x9A6C9329AC4BC9B5, init/xorout all ones). System.IO.Hashing.Crc64 is
/// ECMA-182, not NVME, hence this implementation: carry-less-multiply folding for long inputs, slicing-by-8
/// otherwise (spec §5.4 [DERIVED]).
/// </summary>
internal sealed class Crc64NvmeChecksum : IChecksum
{
    const ulong Poly = 0x9A6C9329AC4BC9B5ul;
    static readonly ReflectedCrc Crc = new(64, Poly);
    ulong _state = ulong.MaxValue;

    public ChecksumAlgorithm Algorithm => ChecksumAlgorithm.Crc64Nvme;

    public void Append(ReadOnlySpan<byte> data) => _state = Crc.Update(_state, data);

    public void GetCurrentHash(Span<byte> destination) => BinaryPrimitives.WriteUInt64BigEndian(destination, ~_state);
}
