using System.Text;
using Amazon.S3.Model;
using FakeS3.Http;
using FakeS3.Storage;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Http;

/// <summary>
/// Listing bodies are encoded from their StringBuilder's chunks into pooled buffers (never one large string or
/// array): the bytes must be exactly what UTF-8 makes of the whole text, also where a chunk boundary splits a
/// surrogate pair, where a lone surrogate sits, and where a character straddles two buffers.
/// </summary>
public sealed class XmlBodyEncodingTests
{
    [Fact]
    public void PooledUtf8_EncodesSplitSurrogatePairsAndLoneSurrogatesAsUtf8DoesTheWholeText()
    {
        var sb = new StringBuilder(16);
        var random = new Random(14);
        string[] pieces = ["a", "é", "€", "😀", "\uD800", "\uDC00", "<Key>", "𝄞x"];
        while (sb.Length < 100_000) sb.Append(pieces[random.Next(pieces.Length)]);
        sb.Append('\uD83D'); // a lone high surrogate at the very end
        var splitPairs = 0;
        ReadOnlyMemory<char> previous = default;
        foreach (var chunk in sb.GetChunks())
        {
            if (!previous.IsEmpty && char.IsHighSurrogate(previous.Span[^1]) && char.IsLowSurrogate(chunk.Span[0])) splitPairs++;
            previous = chunk;
        }
        Assert.True(splitPairs > 0, "the text must have a surrogate pair split between two chunks");

        using var body = new PooledUtf8();
        body.Append("<?xml?>");
        foreach (var chunk in sb.GetChunks()) body.Append(chunk.Span);
        body.Complete();
        var bytes = body.Segments.SelectMany(s => s.ToArray()).ToArray();

        var expected = Encoding.UTF8.GetBytes("<?xml?>" + sb);
        Assert.Equal(expected.Length, body.Length);
        Assert.Equal(expected, bytes);
        Assert.True(body.Segments.Count() > 1);
    }

    [Fact]
    public async Task ListObjects_LargePageOfNonBmpKeys_RoundTripsWithExactContentLength()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("wide");
        var keys = Enumerable.Range(0, 300).Select(i => $"{i:D4}-😀-{new string('é', 100)}-𝄞").ToList();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (key, ct) =>
            await client.PutObjectAsync(new PutObjectRequest { BucketName = "wide", Key = key, ContentBody = "x" }, ct));

        var listed = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "wide", MaxKeys = 1000 });

        Assert.Equal(keys, listed.S3Objects.Select(o => o.Key).ToList());
        Assert.False(listed.IsTruncated ?? false);
    }
}
