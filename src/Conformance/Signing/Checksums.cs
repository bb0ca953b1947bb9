using System.Security.Cryptography;
using System.Text;

namespace FakeS3.Conformance.Signing;

/// <summary>S3 flexible checksums, base64 of the big-endian digest (CRC32, CRC32C, CRC64NVME, SHA1, SHA256).</summary>
public static class Checksums
{
    public static readonly string[] Algorithms = ["CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"];

    public static string Compute(string algorithm, byte[] data) => algorithm.ToUpperInvariant() switch
    {
        "CRC32" => Crc32(data, 0xEDB88320u),
        "CRC32C" => Crc32(data, 0x82F63B78u),
        "CRC64NVME" => Crc64(data, 0x9A6C9329AC4BC9B5ul),
        "SHA1" => Convert.ToBase64String(SHA1.HashData(data)),
        "SHA256" => Convert.ToBase64String(SHA256.HashData(data)),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    };

    public static string Compute(string algorithm, string text) => Compute(algorithm, Encoding.UTF8.GetBytes(text));

    static string Crc32(byte[] data, uint poly)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++) crc = (crc & 1) != 0 ? (crc >> 1) ^ poly : crc >> 1;
        }
        crc ^= 0xFFFFFFFFu;
        return Convert.ToBase64String([(byte)(crc >> 24), (byte)(crc >> 16), (byte)(crc >> 8), (byte)crc]);
    }

    static string Crc64(byte[] data, ulong poly)
    {
        var crc = ulong.MaxValue;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++) crc = (crc & 1) != 0 ? (crc >> 1) ^ poly : crc >> 1;
        }
        crc ^= ulong.MaxValue;
        var bytes = new byte[8];
        for (var i = 0; i < 8; i++) bytes[i] = (byte)(crc >> (56 - 8 * i));
        return Convert.ToBase64String(bytes);
    }
}
