using System.Buffers.Binary;
using System.Globalization;

namespace FakeS3.Checksums;

/// <summary>
/// The checksum of an object completed from parts [DOC checking-object-integrity]. COMPOSITE: the algorithm over
/// the concatenated binary part checksums, then "-&lt;part count&gt;" (CRC32, CRC32C, SHA1, SHA256). FULL_OBJECT:
/// the checksum of the whole byte stream, combined from the part CRCs (CRC32, CRC32C, CRC64NVME).
/// </summary>
internal static class MultipartChecksum
{
    public const string Composite = "COMPOSITE";
    public const string FullObject = "FULL_OBJECT";

    /// <summary>The type S3 picks when CreateMultipartUpload names an algorithm but no type [DOC][2ND LocalStack].</summary>
    public static string DefaultType(ChecksumAlgorithm algorithm) => algorithm == ChecksumAlgorithm.Crc64Nvme ? FullObject : Composite;

    /// <summary>COMPOSITE needs a non-CRC64NVME algorithm; FULL_OBJECT a CRC [DOC][2ND LocalStack, Swift s3api vs AWS].</summary>
    public static bool Allows(ChecksumAlgorithm algorithm, string type) => type switch
    {
        Composite => algorithm != ChecksumAlgorithm.Crc64Nvme,
        FullObject => CrcCombine.Parameters(algorithm) is not null,
        _ => false,
    };

    /// <summary>base64(H(part₁ ‖ … ‖ partₙ)) + "-n" [2ND Swift s3api against AWS: crc32 part y/Q5Jg== → 7kxlUA==-1].</summary>
    public static string ComputeComposite(ChecksumAlgorithm algorithm, IReadOnlyList<string> partChecksums)
    {
        var checksum = ChecksumCalculator.Create(algorithm);
        Span<byte> digest = stackalloc byte[32];
        foreach (var part in partChecksums)
        {
            var n = Convert.TryFromBase64String(part, digest, out var written) ? written : 0;
            checksum.Append(digest[..n]);
        }
        var result = checksum.ToBase64() + "-" + partChecksums.Count.ToString(CultureInfo.InvariantCulture);
        (checksum as IDisposable)?.Dispose();
        return result;
    }

    /// <summary>The whole-object CRC from each part's CRC and size.</summary>
    public static string ComputeFullObject(ChecksumAlgorithm algorithm, IReadOnlyList<(string Checksum, long Size)> parts)
    {
        var (poly, width) = CrcCombine.Parameters(algorithm) ?? throw new ArgumentException($"{algorithm} is not a CRC", nameof(algorithm));
        ulong crc = 0;
        var first = true;
        var shifts = new Dictionary<long, ulong>();
        foreach (var (checksum, size) in parts)
        {
            var value = ToInteger(checksum, width);
            if (first) crc = value;
            else if (size > 0)
            {
                if (!shifts.TryGetValue(size, out var shift)) shifts[size] = shift = CrcCombine.Shift(size, poly, width);
                crc = CrcCombine.Combine(crc, value, shift, poly, width);
            }
            first = false;
        }
        if (first) crc = 0; // no parts: the CRC of nothing
        Span<byte> bytes = stackalloc byte[width / 8];
        if (width == 64) BinaryPrimitives.WriteUInt64BigEndian(bytes, crc);
        else BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)crc);
        return Convert.ToBase64String(bytes);
    }

    static ulong ToInteger(string base64, int width)
    {
        Span<byte> bytes = stackalloc byte[8];
        if (!Convert.TryFromBase64String(base64, bytes, out var n) || n != width / 8)
            throw new FormatException("not a stored part checksum: " + base64);
        return width == 64 ? BinaryPrimitives.ReadUInt64BigEndian(bytes) : BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }
}
