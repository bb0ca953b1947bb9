using System.Security.Cryptography;
using FakeS3.Checksums;

namespace FakeS3.Tests.Checksums;

/// <summary>BodyMd5 (the ETag of PUT and POST bodies) against MD5 of the whole body, however it was split.</summary>
public sealed class BodyMd5Tests
{
    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 1 })]
    [InlineData(new[] { 4096 })]
    [InlineData(new[] { 4096, 0, 1 })]
    [InlineData(new[] { 100, 200, 300 })]
    [InlineData(new[] { 64 * 1024 })]
    [InlineData(new[] { 64 * 1024 + 1, 5 })]
    [InlineData(new[] { 3, 70_000, 64 * 1024 })]
    public void Digest_IsTheMd5OfEverythingAppended(int[] pieces)
    {
        var body = new byte[pieces.Sum()];
        new Random(pieces.Length).NextBytes(body);
        using var md5 = new BodyMd5();
        var offset = 0;
        var buffer = new byte[body.Length + 1];
        foreach (var length in pieces)
        {
            // The caller's buffer is reused for the next piece, as a read loop does.
            body.AsSpan(offset, length).CopyTo(buffer);
            md5.Append(buffer.AsSpan(0, length));
            Array.Fill(buffer, (byte)0xAA);
            offset += length;
        }

        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(body)), md5.Hex());
        Assert.Equal(md5.Hex(), md5.Hex());
    }
}
