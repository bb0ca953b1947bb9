namespace FakeS3.Checksums;

/// <summary>
/// crc(A ‖ B) from crc(A), crc(B) and |B|, for the reflected CRCs S3 uses (init and xorout all ones): the
/// polynomial method of zlib's crc32_combine, widened to 64 bits. This is how a FULL_OBJECT multipart checksum
/// is built from the parts' checksums without reading the object again.
/// </summary>
internal static class CrcCombine
{
    /// <summary>Reflected polynomial and width of a CRC algorithm; null for SHA-1/SHA-256 (not combinable).</summary>
    public static (ulong Poly, int Width)? Parameters(ChecksumAlgorithm algorithm) => algorithm switch
    {
        ChecksumAlgorithm.Crc32 => (0xEDB88320ul, 32),
        ChecksumAlgorithm.Crc32C => (0x82F63B78ul, 32),
        ChecksumAlgorithm.Crc64Nvme => (0x9A6C9329AC4BC9B5ul, 64),
        _ => null,
    };

    public static ulong Combine(ulong crc1, ulong crc2, long length2, ulong poly, int width) =>
        length2 <= 0 ? crc1 : Combine(crc1, crc2, Shift(length2, poly, width), poly, width);

    /// <summary>With <paramref name="shift"/> = <see cref="Shift"/>(|B|): parts of one size share it (10,000 parts, one size).</summary>
    public static ulong Combine(ulong crc1, ulong crc2, ulong shift, ulong poly, int width) =>
        MultiplyModP(shift, crc1, poly, width) ^ crc2;

    /// <summary>x^(8·length) modulo P: appending <paramref name="length"/> bytes multiplies the first CRC by this.</summary>
    public static ulong Shift(long length, ulong poly, int width) => XPow8N(length, poly, width);

    /// <summary>a·b modulo P in the reflected representation (x^0 is the top bit).</summary>
    static ulong MultiplyModP(ulong a, ulong b, ulong poly, int width)
    {
        var m = 1ul << (width - 1);
        ulong p = 0;
        while (m != 0)
        {
            if ((a & m) != 0) p ^= b;
            m >>= 1;
            b = (b & 1) != 0 ? (b >> 1) ^ poly : b >> 1;
        }
        return p;
    }

    /// <summary>x^(8·n) modulo P, by repeated squaring of x^(2^k).</summary>
    static ulong XPow8N(long n, ulong poly, int width)
    {
        var result = 1ul << (width - 1); // x^0
        var power = 1ul << (width - 9); // x^8 (one byte) = x^(2^3)
        var bits = (ulong)n;
        while (bits != 0)
        {
            if ((bits & 1) != 0) result = MultiplyModP(power, result, poly, width);
            power = MultiplyModP(power, power, poly, width);
            bits >>= 1;
        }
        return result;
    }
}
