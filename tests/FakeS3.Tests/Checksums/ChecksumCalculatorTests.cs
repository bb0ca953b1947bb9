using System.Buffers.Binary;
using System.Text;
using FakeS3.Checksums;

namespace FakeS3.Tests.Checksums;

/// <summary>Spec §5.4 vectors: CRC catalogue check values and S3's base64 big-endian digests.</summary>
// Theory parameters are object: ChecksumAlgorithm is internal (not FakeS3's public API) and test methods are public.
public class ChecksumCalculatorTests
{
    [Theory]
    [InlineData(ChecksumAlgorithm.Crc32, "hello world", "DUoRhQ==")]
    [InlineData(ChecksumAlgorithm.Crc32C, "hello world", "yZRlqg==")]
    [InlineData(ChecksumAlgorithm.Crc64Nvme, "hello world", "jSnVw/bqjr4=")]
    [InlineData(ChecksumAlgorithm.Sha1, "hello world", "Kq5sNclPz7QV2+lfQIuc6R7oRu0=")]
    [InlineData(ChecksumAlgorithm.Sha256, "hello world", "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=")]
    [InlineData(ChecksumAlgorithm.Crc32, "", "AAAAAA==")]
    [InlineData(ChecksumAlgorithm.Crc32C, "", "AAAAAA==")]
    [InlineData(ChecksumAlgorithm.Crc64Nvme, "", "AAAAAAAAAAA=")]
    [InlineData(ChecksumAlgorithm.Crc64Nvme, "test-body-tagging", "L1qdhyEV1JY=")]
    [InlineData(ChecksumAlgorithm.Crc32, "data", "rfPzYw==")]
    public void Compute_KnownInput_MatchesS3Value(object algorithm, string input, string expected) =>
        Assert.Equal(expected, ChecksumCalculator.Compute((ChecksumAlgorithm)algorithm, Encoding.UTF8.GetBytes(input)));

    [Fact]
    public void Crc32C_CheckString_E3069283()
    {
        Span<byte> digest = stackalloc byte[4];
        var c = ChecksumCalculator.Create(ChecksumAlgorithm.Crc32C);
        c.Append("123456789"u8);
        c.GetCurrentHash(digest);
        Assert.Equal(0xE3069283u, BinaryPrimitives.ReadUInt32BigEndian(digest));
    }

    [Fact]
    public void Crc64Nvme_CheckString_AE8B14860A799888()
    {
        Span<byte> digest = stackalloc byte[8];
        var c = ChecksumCalculator.Create(ChecksumAlgorithm.Crc64Nvme);
        c.Append("123456789"u8);
        c.GetCurrentHash(digest);
        Assert.Equal(0xAE8B14860A799888ul, BinaryPrimitives.ReadUInt64BigEndian(digest));
    }

    [Theory]
    [InlineData(ChecksumAlgorithm.Crc32)]
    [InlineData(ChecksumAlgorithm.Crc32C)]
    [InlineData(ChecksumAlgorithm.Crc64Nvme)]
    [InlineData(ChecksumAlgorithm.Sha256)]
    public void Append_InUnevenPieces_SameAsOneShot(object algorithmValue)
    {
        var algorithm = (ChecksumAlgorithm)algorithmValue;
        var data = new byte[100_003];
        new Random(42).NextBytes(data);
        var c = ChecksumCalculator.Create(algorithm);
        for (var i = 0; i < data.Length;)
        {
            var n = Math.Min(1 + i % 37, data.Length - i);
            c.Append(data.AsSpan(i, n));
            i += n;
        }
        Assert.Equal(ChecksumCalculator.Compute(algorithm, data), c.ToBase64());
    }

    [Theory]
    [InlineData(ChecksumAlgorithm.Crc32, "DUoRhQ==", true)]
    [InlineData(ChecksumAlgorithm.Crc32, "jSnVw/bqjr4=", false)]
    [InlineData(ChecksumAlgorithm.Sha1, "not base64!", false)]
    public void IsValidValue_Base64OfDigestLength(object algorithm, string value, bool valid) =>
        Assert.Equal(valid, ((ChecksumAlgorithm)algorithm).IsValidValue(value));
}

/// <summary>CRC-64/NVME of long inputs (folded with carry-less multiplies) against values from a bitwise reference in Python.</summary>
public class Crc64FoldingTests
{
    [Theory]
    [InlineData(4096, "O43l55YZhfM=")]   // load/bench's POST file: bytes (i * 31 + 7) % 251; bitwise CRC in Python gives the same
    public void Compute_LongInput_MatchesBitwiseReference(int length, string expected)
    {
        var data = Enumerable.Range(0, length).Select(i => (byte)((i * 31 + 7) % 251)).ToArray();
        Assert.Equal(expected, ChecksumCalculator.Compute(ChecksumAlgorithm.Crc64Nvme, data));
    }

    [Fact]
    public void Compute_1101Bytes_MatchesBitwiseReference() // value from a bitwise CRC-64/NVME in Python
    {
        byte[] data = [.. Enumerable.Range(0, 1024).Select(i => (byte)i), .. Enumerable.Repeat((byte)'x', 77)];
        Assert.Equal("YhVtoTJ2ehk=", ChecksumCalculator.Compute(ChecksumAlgorithm.Crc64Nvme, data));
    }
}
