namespace FakeS3.Checksums;

/// <summary>Names and digest sizes: "crc32" in header names, "CRC32" in messages and x-amz-sdk-checksum-algorithm.</summary>
internal static class ChecksumAlgorithms
{
    public static readonly ChecksumAlgorithm[] All =
        [ChecksumAlgorithm.Crc32, ChecksumAlgorithm.Crc32C, ChecksumAlgorithm.Crc64Nvme, ChecksumAlgorithm.Sha1, ChecksumAlgorithm.Sha256];

    public static string LowerName(this ChecksumAlgorithm algorithm) => algorithm switch
    {
        ChecksumAlgorithm.Crc32 => "crc32",
        ChecksumAlgorithm.Crc32C => "crc32c",
        ChecksumAlgorithm.Crc64Nvme => "crc64nvme",
        ChecksumAlgorithm.Sha1 => "sha1",
        ChecksumAlgorithm.Sha256 => "sha256",
    };

    public static string UpperName(this ChecksumAlgorithm algorithm) => algorithm switch
    {
        ChecksumAlgorithm.Crc32 => "CRC32",
        ChecksumAlgorithm.Crc32C => "CRC32C",
        ChecksumAlgorithm.Crc64Nvme => "CRC64NVME",
        ChecksumAlgorithm.Sha1 => "SHA1",
        ChecksumAlgorithm.Sha256 => "SHA256",
    };

    /// <summary>"x-amz-checksum-crc32" (constants: looked up on every upload).</summary>
    public static string HeaderName(this ChecksumAlgorithm algorithm) => algorithm switch
    {
        ChecksumAlgorithm.Crc32 => "x-amz-checksum-crc32",
        ChecksumAlgorithm.Crc32C => "x-amz-checksum-crc32c",
        ChecksumAlgorithm.Crc64Nvme => "x-amz-checksum-crc64nvme",
        ChecksumAlgorithm.Sha1 => "x-amz-checksum-sha1",
        ChecksumAlgorithm.Sha256 => "x-amz-checksum-sha256",
    };

    public static int DigestLength(this ChecksumAlgorithm algorithm) => algorithm switch
    {
        ChecksumAlgorithm.Crc32 or ChecksumAlgorithm.Crc32C => 4,
        ChecksumAlgorithm.Crc64Nvme => 8,
        ChecksumAlgorithm.Sha1 => 20,
        ChecksumAlgorithm.Sha256 => 32,
    };

    /// <summary>Case-insensitive "crc32"/"CRC32".</summary>
    public static bool TryParse(string? name, out ChecksumAlgorithm algorithm)
    {
        foreach (var a in All)
        {
            if (string.Equals(a.LowerName(), name, StringComparison.OrdinalIgnoreCase))
            {
                algorithm = a;
                return true;
            }
        }
        algorithm = default;
        return false;
    }

    /// <summary>From a header/trailer name such as "x-amz-checksum-crc32c".</summary>
    public static bool TryParseHeaderName(string name, out ChecksumAlgorithm algorithm)
    {
        const string prefix = "x-amz-checksum-";
        algorithm = default;
        return name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && TryParse(name[prefix.Length..], out algorithm);
    }

    /// <summary>
    /// A valid value is the canonical base64 of exactly DigestLength bytes (else "Value for x-amz-checksum-… header is
    /// invalid."). Non-canonical trailing bits ("y/Q5Jh==" for "y/Q5Jg==") are invalid too [2ND Swift s3api against AWS].
    /// </summary>
    public static bool IsValidValue(this ChecksumAlgorithm algorithm, string value)
    {
        Span<byte> buffer = stackalloc byte[48];
        if (value.Length > 64 || !Convert.TryFromBase64String(value, buffer, out var n) || n != algorithm.DigestLength()) return false;
        Span<char> canonical = stackalloc char[64];
        return Convert.TryToBase64Chars(buffer[..n], canonical, out var written) && canonical[..written].SequenceEqual(value);
    }
}
