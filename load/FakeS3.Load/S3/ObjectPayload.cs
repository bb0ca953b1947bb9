using System.Security.Cryptography;

namespace FakeS3.Load.S3;

/// <summary>
/// Deterministic object contents: byte i of the object with seed s is <c>Block[(i + s * 4099) % Block.Length]</c>
/// over a fixed pseudo-random 1 MiB block. Any object can be regenerated (or checked) from its seed and size
/// without keeping it in memory, and two keys with different seeds never share content.
/// </summary>
public static class ObjectPayload
{
    private const int BlockSize = 1 << 20;
    private static readonly byte[] Block = CreateBlock();

    public static void Fill(Span<byte> destination, int seed, long offset)
    {
        long position = (offset + (long)seed * 4099) % BlockSize;
        while (!destination.IsEmpty)
        {
            int n = (int)Math.Min(destination.Length, BlockSize - position);
            Block.AsSpan((int)position, n).CopyTo(destination);
            destination = destination[n..];
            position = 0;
        }
    }

    public static byte[] Create(int seed, int size)
    {
        var bytes = new byte[size];
        Fill(bytes, seed, 0);
        return bytes;
    }

    /// <summary>S3's ETag of a single-part upload: the hex MD5 of the body, quoted.</summary>
    public static string ETagOf(ReadOnlySpan<byte> body) => $"\"{Convert.ToHexStringLower(MD5.HashData(body))}\"";

    /// <summary>Compares a stream with the expected object; returns the first mismatching offset, or -1.</summary>
    public static async Task<(long MismatchAt, long Length)> CompareAsync(Stream stream, int seed, long expectedSize, CancellationToken ct)
    {
        var actual = new byte[64 * 1024];
        var expected = new byte[actual.Length];
        long offset = 0;
        int read;
        long mismatch = -1;
        while ((read = await stream.ReadAsync(actual, ct)) > 0)
        {
            if (mismatch < 0)
            {
                Fill(expected.AsSpan(0, read), seed, offset);
                int diff = actual.AsSpan(0, read).CommonPrefixLength(expected.AsSpan(0, read));
                if (diff < read) mismatch = offset + diff;
            }
            offset += read;
        }
        if (mismatch < 0 && offset != expectedSize) mismatch = Math.Min(offset, expectedSize);
        return (mismatch, offset);
    }

    private static byte[] CreateBlock()
    {
        var block = new byte[BlockSize];
        new Random(20261128).NextBytes(block);
        return block;
    }
}
