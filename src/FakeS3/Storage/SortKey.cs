using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace FakeS3.Storage;

/// <summary>
/// Record ids and listing order. S3 lists keys in UTF-8 binary order; .NET strings compare in UTF-16 order,
/// which differs once surrogate pairs meet U+E000–U+FFFF, so the order lives in a byte key: the bucket name,
/// a 0x00 (bucket names are ASCII without NUL, so "ab" sorts before "abc"), then the key's UTF-8 bytes.
/// LiteDB index keys must be under 1,023 bytes while a key alone may be 1,024: the indexed byte key is cut at
/// <see cref="MaxBytes"/> and the rare keys that share those bytes ("ties") are ordered by their full text.
/// </summary>
internal static class SortKey
{
    public const int MaxBytes = 1000;

    /// <summary>Record ids up to this many UTF-8 bytes are "{bucket}/{key}"; longer ones are hashed.</summary>
    const int MaxPlainIdBytes = 900;

    /// <summary>The indexed (possibly cut) byte key of <paramref name="key"/> in <paramref name="bucket"/>.</summary>
    public static byte[] For(string bucket, string key) => Cut(Full(bucket, key));

    public static byte[] Full(string bucket, string key)
    {
        var bytes = new byte[bucket.Length + 1 + Encoding.UTF8.GetByteCount(key)];
        Encoding.ASCII.GetBytes(bucket, bytes);
        Encoding.UTF8.GetBytes(key, bytes.AsSpan(bucket.Length + 1));
        return bytes;
    }

    static byte[] Cut(byte[] full) => full.Length <= MaxBytes ? full : full[..MaxBytes];

    /// <summary>True when every key starting with <paramref name="prefix"/> shares an uncut byte key range.</summary>
    public static bool Exact(string bucket, string prefix) => bucket.Length + 1 + Encoding.UTF8.GetByteCount(prefix) < MaxBytes;

    /// <summary>The smallest byte string greater than every string starting with <paramref name="bytes"/>.
    /// Never overflows: neither UTF-8 nor bucket names contain 0xFF.</summary>
    public static byte[] PrefixEnd(byte[] bytes)
    {
        var end = (byte[])bytes.Clone();
        end[^1]++;
        return end;
    }

    /// <summary>The smallest byte string greater than <paramref name="bytes"/> (an exclusive lower bound).</summary>
    public static byte[] Next(byte[] bytes)
    {
        var next = new byte[bytes.Length + 1];
        bytes.CopyTo(next, 0);
        return next;
    }

    /// <summary>Code point order of two keys: S3's UTF-8 binary order, without encoding them.</summary>
    public static int Compare(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var x = a[i];
            var y = b[i];
            if (x == y) continue;
            return Rank(x).CompareTo(Rank(y));
        }
        return a.Length.CompareTo(b.Length);
    }

    /// <summary>Surrogates (code points above U+FFFF) rank above U+E000–U+FFFF, as in UTF-8.</summary>
    static int Rank(char c) => c switch
    {
        >= '\uD800' and < '\uE000' => c + 0x2000,
        >= '\uE000' => c - 0x800,
        _ => c,
    };

    /// <summary>
    /// "{bucket}/{key}" (bucket names never contain '/'), or, when that would not fit a LiteDB index key,
    /// "#{bucket}/{SHA-256 of the key's UTF-16 code units}" ('#' never starts a bucket name, so the two forms
    /// never collide; hashing the code units keeps distinct strings distinct).
    /// </summary>
    public static string RecordId(string bucket, string key)
    {
        if (bucket.Length + 1 + key.Length * 3 <= MaxPlainIdBytes || bucket.Length + 1 + Encoding.UTF8.GetByteCount(key) <= MaxPlainIdBytes)
            return bucket + "/" + key;
        var hash = SHA256.HashData(MemoryMarshal.AsBytes(key.AsSpan()));
        return "#" + bucket + "/" + Convert.ToHexStringLower(hash);
    }
}
