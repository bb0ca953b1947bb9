using FakeS3.Hosting;
using FakeS3.Storage;
using FakeS3.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace FakeS3.Tests.Durability;

/// <summary>
/// Uploads of one key that share a group-commit transaction: only the key's last version is written to LiteDB
/// (issue 14, POST 4 KiB), so these check what a reader and a restarted server see, and that every superseded
/// version's blob is freed. The store lock is held while the uploads queue up, so they reach the committer together.
/// </summary>
public sealed class GroupCommitTests
{
    const string Bucket = "gc";

    [Fact]
    public async Task OneKeyUploadedManyTimesInOneBatch_LastVersionIsStoredAndSurvivesReopen_NoBlobLeft()
    {
        var dataPath = TestDataFiles.NewDataPath();
        // Inline bodies and chunked blobs (above BlobWriter.InlineLimit) mixed, so superseded blobs must be freed.
        var bodies = Enumerable.Range(0, 12).Select(i => Body(i, i % 3 == 2 ? BlobWriter.InlineLimit + 1000 + i : 100 + i)).ToList();
        using (var s = Store.Open(dataPath))
        {
            Task<StoreStatus>[] commits;
            lock (s.Db.Lock) commits = bodies.Select(b => s.Commit("k", b, null)).ToArray();
            Assert.All(await Task.WhenAll(commits), status => Assert.Equal(StoreStatus.Ok, status));
            Assert.True(s.Objects.GroupCommitStats.Batches < bodies.Count, "the uploads did not share a transaction");

            Assert.Equal(bodies[^1], await s.ReadAsync("k"));
            Assert.Equal(ChunksOf(bodies[^1]), s.ChunkCount());
        }
        using (var reopened = Store.Open(dataPath))
        {
            Assert.Equal(bodies[^1], await reopened.ReadAsync("k"));
            Assert.Equal(ChunksOf(bodies[^1]), reopened.ChunkCount());
        }
    }

    [Fact]
    public async Task CreateOnlyUploadsOfOneKeyInOneBatch_ExactlyOneWins_AndItsBodyIsStored()
    {
        var dataPath = TestDataFiles.NewDataPath();
        var bodies = Enumerable.Range(0, 8).Select(i => Body(i, i % 2 == 0 ? 200 : BlobWriter.InlineLimit * 2)).ToList();
        using (var s = Store.Open(dataPath))
        {
            Task<StoreStatus>[] commits;
            lock (s.Db.Lock) commits = bodies.Select(b => s.Commit("once", b, new WriteCondition(MustNotExist: true, MustMatchETag: null))).ToArray();
            var statuses = await Task.WhenAll(commits);

            var winner = Assert.Single(Enumerable.Range(0, bodies.Count), i => statuses[i] == StoreStatus.Ok);
            Assert.All(statuses.Where((_, i) => i != winner), status => Assert.Equal(StoreStatus.PreconditionFailed, status));
            Assert.Equal(bodies[winner], await s.ReadAsync("once"));
        }
        using (var reopened = Store.Open(dataPath))
        {
            var stored = await reopened.ReadAsync("once");
            Assert.Contains(bodies, b => b.SequenceEqual(stored));
            Assert.Equal(ChunksOf(stored), reopened.ChunkCount());
        }
    }

    static byte[] Body(int seed, int size)
    {
        var body = new byte[size];
        new Random(seed).NextBytes(body);
        return body;
    }

    static int ChunksOf(byte[] body) => body.Length <= BlobWriter.InlineLimit ? 0 : (body.Length + BlobWriter.ChunkSize - 1) / BlobWriter.ChunkSize;

    sealed class Store(FakeS3Database db, LiteDbBlobStore blobs, LiteDbObjectStore objects) : IDisposable
    {
        public FakeS3Database Db { get; } = db;
        public LiteDbObjectStore Objects { get; } = objects;

        public static Store Open(string dataPath)
        {
            var db = new FakeS3Database(Options.Create(new FakeS3Options { DataPath = dataPath }));
            var blobs = new LiteDbBlobStore(db);
            var objects = new LiteDbObjectStore(db, blobs);
            if (!objects.BucketExists(Bucket))
                objects.CreateBucket(new BucketRecord { Id = Bucket, CreationDate = DateTime.UtcNow, Region = "us-east-1" });
            return new Store(db, blobs, objects);
        }

        /// <summary>As an upload does once its body is in: the writer is disposed when its commit is answered.</summary>
        public Task<StoreStatus> Commit(string key, byte[] body, WriteCondition? condition)
        {
            var blob = Objects.OpenBlobWriter();
            blob.Write(body);
            var record = new ObjectRecord { Bucket = Bucket, Key = key, Size = body.Length, ETag = "\"0\"", LastModified = DateTime.UtcNow };
            return Objects.CommitAsync(record, blob, condition).ContinueWith(t =>
            {
                blob.Dispose();
                return t.Result;
            }, TaskScheduler.Default);
        }

        public async Task<byte[]> ReadAsync(string key)
        {
            var obj = Objects.GetObject(Bucket, key) ?? throw new InvalidOperationException($"{key} is missing");
            await using var stream = Objects.OpenRead(obj, 0, obj.Size) ?? throw new InvalidOperationException($"{key} was replaced");
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }

        public int ChunkCount()
        {
            lock (Db.Lock) return Db.Chunks.Count();
        }

        public void Dispose()
        {
            Objects.Dispose();
            blobs.Dispose();
            Db.Dispose();
        }
    }
}
