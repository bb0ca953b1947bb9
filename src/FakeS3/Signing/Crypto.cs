using System.Security.Cryptography;
using System.Text;

namespace FakeS3.Signing;

/// <summary>One-shot HMAC/SHA helpers over spans: static HashData is thread-safe and allocates no hasher.</summary>
internal static class Crypto
{
    public static string Sha256Hex(string text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        var rented = max <= 1024 ? null : System.Buffers.ArrayPool<byte>.Shared.Rent(max);
        try
        {
            Span<byte> buffer = rented ?? stackalloc byte[max];
            var n = Encoding.UTF8.GetBytes(text, buffer);
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(buffer[..n], hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static void HmacSha256(ReadOnlySpan<byte> key, string text, Span<byte> destination)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        var rented = max <= 1024 ? null : System.Buffers.ArrayPool<byte>.Shared.Rent(max);
        try
        {
            Span<byte> buffer = rented ?? stackalloc byte[max];
            var n = Encoding.UTF8.GetBytes(text, buffer);
            HMACSHA256.HashData(key, buffer[..n], destination);
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static string HmacSha256Hex(ReadOnlySpan<byte> key, string text)
    {
        Span<byte> mac = stackalloc byte[32];
        HmacSha256(key, text, mac);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>Constant-time comparison of two ASCII strings (signatures), so timing leaks nothing.</summary>
    public static bool FixedTimeEquals(string expected, string provided)
    {
        if (expected.Length != provided.Length) return false;
        return CryptographicOperations.FixedTimeEquals(
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(expected.AsSpan()),
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(provided.AsSpan()));
    }
}
