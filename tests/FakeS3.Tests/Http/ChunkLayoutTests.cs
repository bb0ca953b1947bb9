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
/// Blobs are written in 256 KiB chunk documents now; data files written with 64 KiB chunks must still read,
/// whole and by range, and both layouts may meet in one object (a multipart upload begun before an upgrade).
/// </summary>
public sealed class ChunkLayoutTests
{
    [Fact]
    public void BlobIds_CarryTheirChunkSize_LegacyIdsMean64KiB()
    {
        Assert.Equal(64 * 1024, BlobLayout.ChunkSizeOf(Guid.NewGuid().ToString("N")));
        var id = BlobLayout.NewBlobId();
        Assert.Equal(256 * 1024, BlobLayout.ChunkSizeOf(id));
        Assert.Equal(1, BlobLayout.ChunkCount(id, 0));
        Assert.Equal(2, BlobLayout.ChunkCount(id, 256 * 1024 + 1));
        Assert.Equal(5, BlobLayout.ChunkCount(Guid.NewGuid().ToString("N"), 256 * 1024 + 1));
    }

    [Fact]
    public async Task DataFileWith64KiBChunks_ReadsWholeAndByRange_NextToNewBlobs()
    {
        var legacyBody = RandomNumberGenerator.GetBytes(3 * 64 * 1024 + 1000); // 4 legacy chunks, last one partial
        var newBody = RandomNumberGenerator.GetBytes(2 * 256 * 1024 + 77);     // 3 new chunks
        var dataPath = Path.Combine(Path.GetTempPath(), $"fakes3-legacy-{Guid.NewGuid():N}.db");
        try
        {
            await using (var s3 = await TestFakeS3.StartAsync(dataPath: dataPath))
            {
                using var client = s3.CreateS3Client();
                await client.PutBucketAsync("layout");
                await client.PutObjectAsync(new PutObjectRequest { BucketName = "layout", Key = "new", InputStream = new MemoryStream(newBody) });
            }
            WriteLegacyObjects(dataPath, legacyBody, newBody);

            await using var again = await TestFakeS3.StartAsync(dataPath: dataPath);
            using var c = again.CreateS3Client();
            Assert.Equal(legacyBody, await Get(c, "legacy"));
            Assert.Equal(newBody, await Get(c, "new"));
            var both = legacyBody.Concat(newBody).ToArray();
            Assert.Equal(both, await Get(c, "mixed"));
            // Ranges across a legacy chunk boundary, across the segment boundary, inside a new chunk.
            foreach (var (first, last) in new[] { (65_000L, 70_000L), (legacyBody.Length - 10L, legacyBody.Length + 300_000L), (both.Length - 5L, both.Length - 1L) })
                Assert.Equal(both[(int)first..(int)(last + 1)], await Get(c, "mixed", new ByteRange(first, last)));
        }
        finally
        {
            File.Delete(dataPath);
            File.Delete(Checkpointer.LogPathOf(dataPath));
        }
    }

    /// <summary>
    /// What an older FakeS3 left: a blob of 64 KiB chunks under a bare 32-hex id, and an object whose segments
    /// are that blob followed by a blob of today's layout (the one "new" already holds).
    /// </summary>
    static void WriteLegacyObjects(string dataPath, byte[] legacyBody, byte[] newBody)
    {
        using var db = new FakeS3Database(Options.Create(new FakeS3Options { DataPath = dataPath }));
        var legacyId = Guid.NewGuid().ToString("N");
        for (int i = 0, offset = 0; offset < legacyBody.Length; i++, offset += 64 * 1024)
            db.Chunks.Insert(new BsonDocument { ["_id"] = $"{legacyId}/{i:D8}", ["d"] = legacyBody.AsSpan(offset, Math.Min(64 * 1024, legacyBody.Length - offset)).ToArray() });
        var current = db.Objects.FindById(ObjectRecord.MakeId("layout", "new"));
        Assert.Equal(256 * 1024, BlobLayout.ChunkSizeOf(current.Segments.Single().BlobId));
        var legacy = new BlobSegment { BlobId = legacyId, Size = legacyBody.Length };
        foreach (var (key, segments, size) in new[] { ("legacy", new List<BlobSegment> { legacy }, legacyBody.Length), ("mixed", [legacy, current.Segments[0]], legacyBody.Length + newBody.Length) })
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
