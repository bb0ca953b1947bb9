using System.Security.Cryptography;
using Amazon.S3;
using FakeS3.Storage;
using FakeS3.Tests.Durability;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Http;

/// <summary>
/// An overwrite of a single-chunk object writes the new bytes into the old version's chunk document, in the commit
/// that replaces it (<see cref="BlobWriter.TryAdoptInCommit"/>): every version reads back byte for byte, also after
/// a restart; a reader of the old version, a stale record, the small-blob read cache and a rolled-back batch never
/// see one version's bytes under the other's record; and no chunk is left behind.
/// </summary>
public sealed class ChunkAdoptionTests
{
    const string Bucket = "adopt";
    const int Chunk = BlobLayout.ChunkSize;

    [Theory]
    [InlineData(Chunk, Chunk)]
    [InlineData(Chunk, BlobWriter.InlineLimit + 1)] // shorter: the document shrinks
    [InlineData(20_000, Chunk)]                     // longer: it grows
    public async Task AnOverwrite_RewritesTheOldChunkInPlace_AndEachVersionReadsBackExactly_AlsoAfterARestart(int firstSize, int secondSize)
    {
        var dataPath = TestDataFiles.NewDataPath();
        var second = RandomNumberGenerator.GetBytes(secondSize);
        await using (var s3 = await TestFakeS3.StartAsync(dataPath: dataPath))
        {
            using var client = s3.CreateS3Client();
            await client.PutBucketAsync(Bucket);
            var store = StoreBehindHttp.Storage(s3).Store;
            var first = RandomNumberGenerator.GetBytes(firstSize);
            await Put(client, "k", first);
            Assert.Equal(first, await Get(client, "k"));
            var old = store.GetObject(Bucket, "k")!.Segments.Single().BlobId;

            await Put(client, "k", second);

            Assert.Equal(BlobLayout.NextGeneration(old), store.GetObject(Bucket, "k")!.Segments.Single().BlobId);
            Assert.Equal(second, await Get(client, "k"));
            Assert.Equal(1, ChunkCount(s3));
        }
        await using (var restarted = await TestFakeS3.StartAsync(dataPath: dataPath))
        {
            using var client = restarted.CreateS3Client();
            Assert.Equal(second, await Get(client, "k"));
            Assert.Equal(1, ChunkCount(restarted));
        }
    }

    [Fact]
    public async Task AGetServedBeforeTheOverwrite_IsNotServedAgainAfterIt()
    {
        await using var started = await StoreBehindHttp.StartWithBucketAsync(Bucket);
        var (s3, client, _, _) = started;
        await Put(client, "k", RandomNumberGenerator.GetBytes(Chunk));
        await Get(client, "k"); // the small-blob cache now holds the first version's bytes
        var second = RandomNumberGenerator.GetBytes(Chunk);
        await Put(client, "k", second);
        Assert.Equal(second, await Get(client, "k"));
    }

    [Fact]
    public async Task AReaderOfTheOldVersion_ReadsItsOwnBytes_WhileTheKeyIsOverwritten_ThenItsChunkGoes()
    {
        await using var started = await StoreBehindHttp.StartWithBucketAsync(Bucket);
        var (s3, client, _, _) = started;
        var store = started.Store;
        var first = RandomNumberGenerator.GetBytes(Chunk);
        await Put(client, "k", first);
        var old = store.GetObject(Bucket, "k")!;

        var copy = new MemoryStream();
        await using (var reading = store.OpenRead(old, 0, old.Size)!)
        {
            var second = RandomNumberGenerator.GetBytes(Chunk);
            await Put(client, "k", second);
            // Held by a reader: not taken, a chunk of its own instead.
            Assert.NotEqual(BlobLayout.NextGeneration(old.Segments[0].BlobId), store.GetObject(Bucket, "k")!.Segments.Single().BlobId);
            await reading.CopyToAsync(copy);
            Assert.Equal(second, await Get(client, "k"));
        }
        Assert.Equal(first, copy.ToArray());
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (ChunkCount(s3) > 1 && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal(1, ChunkCount(s3));
    }

    [Fact]
    public async Task AStaleRecordOfTheOldVersion_NeverOpensTheNewBytes()
    {
        await using var started = await StoreBehindHttp.StartWithBucketAsync(Bucket);
        var (s3, client, _, _) = started;
        var store = started.Store;
        await Put(client, "k", RandomNumberGenerator.GetBytes(Chunk));
        var stale = store.GetObject(Bucket, "k")!; // a GET that read the record, then lost the CPU
        await Put(client, "k", RandomNumberGenerator.GetBytes(Chunk));
        // The reader retries with the current record, as after any overwrite.
        Assert.Null(store.OpenRead(stale, 0, stale.Size));
    }

    [Fact]
    public async Task ABatchThatRollsBack_IsRetriedWithAChunkOfItsOwn_AndReadsBack()
    {
        await using var started = await StoreBehindHttp.StartWithBucketAsync(Bucket);
        var (s3, client, _, _) = started;
        var store = (LiteDbObjectStore)started.Store;
        var first = RandomNumberGenerator.GetBytes(Chunk);
        await Put(client, "k", first);
        var failed = 0;
        store.InsideBatchForTests = () =>
        {
            if (Interlocked.Exchange(ref failed, 1) == 0) throw new IOException("injected: the batch's transaction fails");
        };
        var second = RandomNumberGenerator.GetBytes(Chunk);
        await Put(client, "k", second);
        store.InsideBatchForTests = null;

        Assert.Equal(1, failed);
        Assert.Equal(second, await Get(client, "k"));
        Assert.Equal(1, ChunkCount(s3));
    }

    [Fact]
    public async Task WritersAndReadersOfOneSmallKey_EveryGetIsOneCompleteVersion()
    {
        await using var started = await StoreBehindHttp.StartWithBucketAsync(Bucket);
        var (s3, client, _, _) = started;
        var (gets, failures) = await OneKeyRace.RunAsync(client, Bucket, "k", writers: 6, readers: 6, TimeSpan.FromSeconds(4),
            new OneKeyRace.Sizes(First: Chunk, Min: BlobWriter.InlineLimit + 1, MaxExclusive: Chunk + 1));
        Assert.Empty(failures);
        Assert.True(gets > 50, $"only {gets} GETs completed");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (ChunkCount(s3) > 1 && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal(1, ChunkCount(s3));
    }

    static int ChunkCount(TestFakeS3 s3) => StoreBehindHttp.ChunkCount(StoreBehindHttp.Storage(s3).Db);

    static Task Put(AmazonS3Client client, string key, byte[] body) => client.PutBytesAsync(Bucket, key, body);

    static Task<byte[]> Get(AmazonS3Client client, string key) => client.ReadAllAsync(Bucket, key);
}
