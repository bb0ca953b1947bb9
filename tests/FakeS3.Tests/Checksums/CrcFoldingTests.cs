using System.Buffers.Binary;
using FakeS3.Checksums;

namespace FakeS3.Tests.Checksums;

/// <summary>
/// The folded CRCs (carry-less multiply for inputs of 128 bytes and more) against a bit-at-a-time reference written
/// from the CRC definitions (reflected, init and xorout all ones), over every length around the fold's block
/// boundaries and in uneven pieces.
/// </summary>
public class CrcFoldingTests
{
    const ulong Crc64NvmePoly = 0x9A6C9329AC4BC9B5ul;
    const ulong Crc32CPoly = 0x82F63B78ul;

    public static TheoryData<int> Lengths()
    {
        var lengths = new TheoryData<int>();
        foreach (var n in new[] { 0, 1, 15, 16, 63, 64, 65, 127, 128, 129, 143, 144, 191, 192, 193, 255, 256, 257, 1000, 4096, 65_536, 100_003 })
            lengths.Add(n);
        return lengths;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Crc64Nvme_AnyLength_MatchesTheBitwiseDefinition(int length)
    {
        var data = RandomBytes(length);
        Assert.Equal(Bitwise(data, Crc64NvmePoly, 64), Digest(ChecksumAlgorithm.Crc64Nvme, data, 8));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Crc32C_AnyLength_MatchesTheBitwiseDefinition(int length)
    {
        var data = RandomBytes(length);
        Assert.Equal(Bitwise(data, Crc32CPoly, 32), Digest(ChecksumAlgorithm.Crc32C, data, 4));
    }

    [Theory]
    [InlineData(ChecksumAlgorithm.Crc64Nvme)]
    [InlineData(ChecksumAlgorithm.Crc32C)]
    public void LongPiecesAfterAnOddStart_MatchTheBitwiseDefinition(object algorithmValue)
    {
        var algorithm = (ChecksumAlgorithm)algorithmValue;
        var data = RandomBytes(300_001);
        var c = ChecksumCalculator.Create(algorithm);
        // Pieces of 1, 129, 1000, 64 KiB + 7, ... so folds start from every kind of running state.
        var sizes = new[] { 1, 129, 1000, 65_543, 3, 4096, 200 };
        for (int i = 0, k = 0; i < data.Length; k++)
        {
            var n = Math.Min(sizes[k % sizes.Length], data.Length - i);
            c.Append(data.AsSpan(i, n));
            i += n;
        }
        var width = algorithm == ChecksumAlgorithm.Crc64Nvme ? 64 : 32;
        var expected = Bitwise(data, width == 64 ? Crc64NvmePoly : Crc32CPoly, width);
        Span<byte> digest = stackalloc byte[width / 8];
        c.GetCurrentHash(digest);
        Assert.Equal(expected, width == 64 ? BinaryPrimitives.ReadUInt64BigEndian(digest) : BinaryPrimitives.ReadUInt32BigEndian(digest));
    }

    static ulong Digest(ChecksumAlgorithm algorithm, byte[] data, int size)
    {
        var c = ChecksumCalculator.Create(algorithm);
        c.Append(data);
        Span<byte> digest = stackalloc byte[size];
        c.GetCurrentHash(digest);
        return size == 8 ? BinaryPrimitives.ReadUInt64BigEndian(digest) : BinaryPrimitives.ReadUInt32BigEndian(digest);
    }

    /// <summary>The CRC definition, one bit at a time: reflected input and output, all-ones init and xorout.</summary>
    static ulong Bitwise(ReadOnlySpan<byte> data, ulong reflectedPoly, int width)
    {
        var mask = width == 64 ? ulong.MaxValue : (1ul << width) - 1;
        var crc = mask;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ reflectedPoly : crc >> 1;
        }
        return ~crc & mask;
    }

    static byte[] RandomBytes(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        return data;
    }
}
