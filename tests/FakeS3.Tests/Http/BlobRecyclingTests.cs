using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Storage;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Http;

/// <summary>
/// A freed large blob waits briefly so that the next upload of about its size rewrites its chunk documents in place
/// (<see cref="BlobRecycler"/>): every upload that does reads back byte for byte, the old version's readers and
/// stale records never see the new bytes, and no chunk of either stays behind.
/// </summary>
public sealed class BlobRecyclingTests
{
    const int Chunk = BlobLayout.ChunkSize;
    const int ThreeMiB = 3 * 1024 * 1024; // 48 chunks

    [Theory]
    [InlineData(ThreeMiB)]                 // the same size: every chunk updated
    [InlineData(ThreeMiB - 10 * Chunk - 5)] // shorter: the old blob's last 10 chunks go with the commit
    [InlineData(ThreeMiB + 7 * Chunk + 3)]  // longer: 8 chunks more are inserted
    public async Task AnUploadOfAboutTheFreedSize_TakesItsChunksOver_AndEveryVersionReadsBackExactly(int size)
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("recycle");
        var (db, store) = Storage(s3);
        var first = RandomNumberGenerator.GetBytes(ThreeMiB);
        var second = RandomNumberGenerator.GetBytes(ThreeMiB);
        var third = RandomNumberGenerator.GetBytes(size);

        await Put(client, "k", first);
        var freed = store.GetObject("recycle", "k")!.Segments.Single().BlobId;
        await Put(client, "k", second); // frees the first blob
        await Put(client, "other", third);

        // The third upload took the first blob's documents over: same chunk prefix, next generation.
        Assert.Equal(BlobLayout.NextGeneration(freed), store.GetObject("recycle", "other")!.Segments.Single().BlobId);
        Assert.Equal(second, await Get(client, "k"));
        Assert.Equal(third, await Get(client, "other"));
        Assert.Equal(48 + BlobLayout.ChunkCount(freed, size), ChunkCount(db));
        lock (db.Lock) Assert.Equal(0, db.PendingBlobs.Count());
    }

    [Fact]
    public async Task AFreedBlobNobodyTakes_IsDeletedAfterItsWait()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("recycle");
        var (db, _) = Storage(s3);
        await Put(client, "k", RandomNumberGenerator.GetBytes(ThreeMiB));
        await Put(client, "k", RandomNumberGenerator.GetBytes(100)); // inline: the 48 chunks are freed and wait
        Assert.Equal(48, ChunkCount(db));
        var deadline = DateTime.UtcNow + BlobRecycler.HoldFor + TimeSpan.FromSeconds(20);
        while (ChunkCount(db) > 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal(0, ChunkCount(db));
        lock (db.Lock) Assert.Equal(0, db.PendingBlobs.Count());
    }

    [Fact]
    public async Task AStaleRecordOfTheFreedVersion_NeverOpensTheBlobThatTookItsChunksOver()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("recycle");
        var (_, store) = Storage(s3);
        await Put(client, "k", RandomNumberGenerator.GetBytes(ThreeMiB));
        var stale = store.GetObject("recycle", "k")!; // a GET that read the record, then lost the CPU
        await Put(client, "k", RandomNumberGenerator.GetBytes(ThreeMiB));
        var third = RandomNumberGenerator.GetBytes(ThreeMiB);
        await Put(client, "k", third); // takes over the chunks of the stale record's blob

        Assert.Equal(BlobLayout.ChunkPrefix(stale.Segments[0].BlobId).ToString(),
            BlobLayout.ChunkPrefix(store.GetObject("recycle", "k")!.Segments[0].BlobId).ToString());
        // Not the current version any more: the reader retries with the current record, as after any overwrite.
        Assert.Null(store.OpenRead(stale, 0, stale.Size));
        Assert.Equal(third, await Get(client, "k"));
    }

    [Fact]
    public async Task AnUploadCutOffAfterTakingABlobOver_LeavesNoChunkOfEither()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("recycle");
        var (db, store) = Storage(s3);
        var kept = RandomNumberGenerator.GetBytes(ThreeMiB);
        await Put(client, "k", RandomNumberGenerator.GetBytes(ThreeMiB));
        await Put(client, "k", kept);

        // As a PUT whose client goes away after 2 MiB of an announced 3 MiB: written, then disposed uncommitted.
        var writer = store.OpenBlobWriter(ThreeMiB);
        await writer.WriteAsync(RandomNumberGenerator.GetBytes(2 * 1024 * 1024 + 1));
        Assert.Contains("+", writer.BlobId);
        await writer.DisposeAsync();

        Assert.Equal(48, ChunkCount(db));
        lock (db.Lock) Assert.Equal(0, db.PendingBlobs.Count());
        Assert.Equal(kept, await Get(client, "k"));
    }

    [Fact]
    public async Task ABlobWaitingWhenTheServerStops_IsGoneAfterTheRestart()
    {
        var kept = RandomNumberGenerator.GetBytes(ThreeMiB);
        string dataPath;
        await using (var s3 = await TestFakeS3.StartAsync())
        {
            dataPath = s3.DataPath;
            using var client = s3.CreateS3Client();
            await client.PutBucketAsync("recycle");
            await Put(client, "k", RandomNumberGenerator.GetBytes(ThreeMiB));
            await Put(client, "k", kept);
        }
        await using var again = await TestFakeS3.StartAsync(dataPath: dataPath);
        var (db, _) = Storage(again);
        Assert.Equal(48, ChunkCount(db));
        lock (db.Lock) Assert.Equal(0, db.PendingBlobs.Count());
        using var reopened = again.CreateS3Client();
        Assert.Equal(kept, await Get(reopened, "k"));
    }

    static (FakeS3Database Db, IObjectStore Store) Storage(TestFakeS3 s3) =>
        ((FakeS3Database)s3.Services.GetService(typeof(FakeS3Database))!, (IObjectStore)s3.Services.GetService(typeof(IObjectStore))!);

    static int ChunkCount(FakeS3Database db)
    {
        lock (db.Lock) return db.Chunks.Count();
    }

    static Task Put(AmazonS3Client client, string key, byte[] body) =>
        client.PutObjectAsync(new PutObjectRequest { BucketName = "recycle", Key = key, InputStream = new MemoryStream(body) });

    static async Task<byte[]> Get(AmazonS3Client client, string key)
    {
        using var get = await client.GetObjectAsync("recycle", key);
        using var ms = new MemoryStream();
        await get.ResponseStream.CopyToAsync(ms);
        return ms.ToArray();
    }
}
