using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Hosting;
using FakeS3.Storage;
using FakeS3.Tests.Infrastructure;
using LiteDB;
using Microsoft.Extensions.Options;

namespace FakeS3.Tests.Http;

/// <summary>
/// A blob's chunk size comes from its id (bare: 64 KiB, as every data file so far; ".256": 256 KiB), so the size
/// can change without breaking existing data files: blobs of either layout read whole and by range, and both
/// may meet in one object (a multipart upload begun before a change of size).
/// </summary>
public sealed class ChunkLayoutTests
{
    [Fact]
    public void BlobIds_CarryTheirChunkSize_BareIdsMean64KiB()
    {
        Assert.Equal(64 * 1024, BlobLayout.ChunkSizeOf(Guid.NewGuid().ToString("N")));
        var id = BlobLayout.NewBlobId();
        Assert.Equal(BlobWriter.ChunkSize, BlobLayout.ChunkSizeOf(id));
        Assert.Equal(1, BlobLayout.ChunkCount(id, 0));
        var large = Guid.NewGuid().ToString("N") + ".256";
        Assert.Equal(256 * 1024, BlobLayout.ChunkSizeOf(large));
        Assert.Equal(2, BlobLayout.ChunkCount(large, 256 * 1024 + 1));
        Assert.Equal(5, BlobLayout.ChunkCount(Guid.NewGuid().ToString("N"), 256 * 1024 + 1));
    }

    [Fact]
    public void ARecycledBlobsId_AddsAGeneration_KeepsItsChunkNamesAndSize()
    {
        var bare = Guid.NewGuid().ToString("N");
        var next = BlobLayout.NextGeneration(bare);
        Assert.Equal(bare + "+1", next);
        Assert.Equal(bare + "+2", BlobLayout.NextGeneration(next));
        Assert.Equal(BlobLayout.ChunkId(bare, 7), BlobLayout.ChunkId(next, 7));
        Assert.Equal((bare + "/", bare + "0"), BlobLayout.ChunkRange(next));
        var large = bare + ".256";
        Assert.Equal(256 * 1024, BlobLayout.ChunkSizeOf(BlobLayout.NextGeneration(BlobLayout.NextGeneration(large))));
        Assert.Equal(large + "/00000003", BlobLayout.ChunkId(large + "+12", 3));
    }

    [Fact]
    public async Task BlobsOf64And256KiBChunks_ReadWholeAndByRange_AloneAndInOneObject()
    {
        var otherBody = RandomNumberGenerator.GetBytes(2 * 256 * 1024 + 1000); // 3 chunks of 256 KiB, last one partial
        var newBody = RandomNumberGenerator.GetBytes(3 * 64 * 1024 + 77);      // 4 chunks of 64 KiB
        var dataPath = Path.Combine(Path.GetTempPath(), $"fakes3-layout-{Guid.NewGuid():N}.db");
        try
        {
            await using (var s3 = await TestFakeS3.StartAsync(dataPath: dataPath))
            {
                using var client = s3.CreateS3Client();
                await client.PutBucketAsync("layout");
                await client.PutObjectAsync(new PutObjectRequest { BucketName = "layout", Key = "new", InputStream = new MemoryStream(newBody) });
            }
            WriteOtherLayoutObjects(dataPath, otherBody, newBody);

            await using var again = await TestFakeS3.StartAsync(dataPath: dataPath);
            using var c = again.CreateS3Client();
            Assert.Equal(otherBody, await Get(c, "other"));
            Assert.Equal(newBody, await Get(c, "new"));
            var both = otherBody.Concat(newBody).ToArray();
            Assert.Equal(both, await Get(c, "mixed"));
            // Ranges across a 256 KiB chunk boundary, across the segment boundary, inside a 64 KiB chunk.
            foreach (var (first, last) in new[] { (262_000L, 263_000L), (otherBody.Length - 10L, otherBody.Length + 100_000L), (both.Length - 5L, both.Length - 1L) })
                Assert.Equal(both[(int)first..(int)(last + 1)], await Get(c, "mixed", new ByteRange(first, last)));
        }
        finally
        {
            File.Delete(dataPath);
            File.Delete(Checkpointer.LogPathOf(dataPath));
        }
    }

    /// <summary>
    /// A blob of 256 KiB chunks under a ".256" id, an object of it alone, and an object whose segments are that
    /// blob followed by the 64 KiB-chunk blob "new" already holds.
    /// </summary>
    static void WriteOtherLayoutObjects(string dataPath, byte[] otherBody, byte[] newBody)
    {
        const int chunk = 256 * 1024;
        using var db = new FakeS3Database(Options.Create(new FakeS3Options { DataPath = dataPath }));
        var otherId = Guid.NewGuid().ToString("N") + ".256";
        for (int i = 0, offset = 0; offset < otherBody.Length; i++, offset += chunk)
            db.Chunks.Insert(new BsonDocument { ["_id"] = $"{otherId}/{i:D8}", ["d"] = otherBody.AsSpan(offset, Math.Min(chunk, otherBody.Length - offset)).ToArray() });
        var current = db.Objects.FindById(ObjectRecord.MakeId("layout", "new"));
        Assert.Equal(BlobWriter.ChunkSize, BlobLayout.ChunkSizeOf(current.Segments.Single().BlobId));
        var other = new BlobSegment { BlobId = otherId, Size = otherBody.Length };
        foreach (var (key, segments, size) in new[] { ("other", new List<BlobSegment> { other }, otherBody.Length), ("mixed", [other, current.Segments[0]], otherBody.Length + newBody.Length) })
        {
            db.Objects.Insert(new ObjectRecord
            {
                Id = ObjectRecord.MakeId("layout", key), Bucket = "layout", Key = key, Size = size, ETag = "\"0-2\"",
                LastModified = DateTime.UtcNow, Segments = segments, PartsCount = segments.Count > 1 ? 2 : null,
            });
        }
    }

    [Fact]
    public async Task Log_IsCheckpointedWhenWritesPause_WhileTheDatabaseStaysOpen()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), $"fakes3-checkpoint-{Guid.NewGuid():N}.db");
        var log = Checkpointer.LogPathOf(dataPath);
        try
        {
            using var db = new FakeS3Database(Options.Create(new FakeS3Options { DataPath = dataPath }));
            lock (db.Lock) db.Chunks.Insert(new BsonDocument { ["_id"] = "x/00000000", ["d"] = new byte[100_000] });
            // LiteDB alone would leave these pages in the log until 1,000 pages or the close.
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (LogLength(log) > 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
            Assert.Equal(0, LogLength(log));
            Assert.True(db.Checkpoints!.Count > 0);
            lock (db.Lock) Assert.Equal(100_000, db.Chunks.FindById("x/00000000")["d"].AsBinary.Length);
        }
        finally
        {
            File.Delete(dataPath);
            File.Delete(log);
        }
    }

    static long LogLength(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    static async Task<byte[]> Get(AmazonS3Client client, string key, ByteRange? range = null)
    {
        using var get = await client.GetObjectAsync(new GetObjectRequest { BucketName = "layout", Key = key, ByteRange = range });
        Assert.Equal(range is null ? HttpStatusCode.OK : HttpStatusCode.PartialContent, get.HttpStatusCode);
        using var ms = new MemoryStream();
        await get.ResponseStream.CopyToAsync(ms);
        return ms.ToArray();
    }
}
