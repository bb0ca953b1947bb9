using System.Net;

namespace FakeS3.Storage;

/// <summary>S3 general-purpose bucket naming rules (AWS "Bucket naming rules").</summary>
internal static class BucketName
{
    public static bool IsValid(string? name)
    {
        if (name is null || name.Length is < 3 or > 63) return false;
        if (!IsLowerAlnum(name[0]) || !IsLowerAlnum(name[^1])) return false;
        foreach (var c in name)
        {
            if (!IsLowerAlnum(c) && c != '-' && c != '.') return false;
        }
        if (name.Contains("..") || name.Contains(".-") || name.Contains("-.")) return false;
        if (IPAddress.TryParse(name, out _) && name.Count(c => c == '.') == 3) return false;
        if (name.StartsWith("xn--", StringComparison.Ordinal) || name.StartsWith("sthree-", StringComparison.Ordinal)) return false;
        if (name.EndsWith("-s3alias", StringComparison.Ordinal) || name.EndsWith("--ol-s3", StringComparison.Ordinal)) return false;
        return true;
    }

    static bool IsLowerAlnum(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9';
}
