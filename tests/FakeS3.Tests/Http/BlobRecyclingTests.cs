using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Storage;
using FakeS3.Tests.Durability;
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
        await using var started = await StartWithBucketAsync();
        var (_, client, db, store) = started;
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
        await using var started = await StartWithBucketAsync();
        var (_, client, db, _) = started;
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
        await using var started = await StartWithBucketAsync();
        var (_, client, _, store) = started;
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
        await using var started = await StartWithBucketAsync();
        var (_, client, db, store) = started;
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

    [Fact]
    public async Task AnUploadPartCommittedWhileTheUploadIsCompleted_NeitherFreesAChosenPartNorLeaksItsBlob()
    {
        await using var started = await StartWithBucketAsync();
        var (s3, client, db, store) = started;
        var multipart = (LiteDbMultipartStore)s3.Services.GetService(typeof(LiteDbMultipartStore))!;
        var part1 = RandomNumberGenerator.GetBytes(5 * 1024 * 1024);
        var part2 = RandomNumberGenerator.GetBytes(ThreeMiB);
        var id = (await client.InitiateMultipartUploadAsync("recycle", "mp")).UploadId;
        await UploadPart(client, id, 1, part1);
        await UploadPart(client, id, 2, part2);

        // CompleteMultipartUpload has listed and checked the parts; before its commit, a retried UploadPart of
        // part 2 (same bytes, same ETag) and a new part 3 land.
        var upload = multipart.Get("recycle", "mp", id)!;
        var listed = multipart.ListParts(id).ToList();
        await UploadPart(client, id, 2, part2);
        await UploadPart(client, id, 3, RandomNumberGenerator.GetBytes(ThreeMiB));
        var stale = new ObjectRecord { Bucket = "recycle", Key = "mp", Size = part1.Length + part2.Length, ETag = "\"stale-2\"", PartsCount = 2, UploadId = id };
        var status = multipart.Complete(upload, stale, listed);

        // Completing with the current parts works; an upload taking over a freed blob never changes the object.
        if (status != StoreStatus.Ok)
        {
            Assert.Equal(StoreStatus.PartsChanged, status);
            var parts = multipart.ListParts(id).Take(2).Select(p => new PartETag(p.PartNumber, p.ETag)).ToList();
            await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = "recycle", Key = "mp", UploadId = id, PartETags = parts });
        }
        await Put(client, "other", RandomNumberGenerator.GetBytes(ThreeMiB));
        var read = await Get(client, "mp");
        Assert.Equal(part1.Concat(part2).ToArray(), read);

        // Parts 2 (first upload) and 3 are collected: only the object's and "other"'s chunks stay.
        var expected = (part1.Length + part2.Length) / Chunk + ThreeMiB / Chunk;
        var deadline = DateTime.UtcNow + BlobRecycler.HoldFor + TimeSpan.FromSeconds(20);
        while (ChunkCount(db) > expected && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal(expected, ChunkCount(db));
        lock (db.Lock) Assert.Equal(0, db.PendingBlobs.Count());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the upload took a freed blob's chunks over
    public async Task AnUploadSpanningAnAdminReset_IsNotStored_AndLeavesNoChunk(bool takeOver)
    {
        await using var s3 = await TestFakeS3.StartAsync(settings: new Dictionary<string, string?> { ["FakeS3:Buckets:0"] = "recycle" });
        using var client = s3.CreateS3Client();
        using var http = s3.CreateHttpClient();
        var (db, store) = Storage(s3);
        if (takeOver)
        {
            await Put(client, "k", RandomNumberGenerator.GetBytes(ThreeMiB));
            await Put(client, "k", RandomNumberGenerator.GetBytes(ThreeMiB));
        }

        // A PUT of 3 MiB has stored 2 MiB when a test suite resets the store (its bucket is re-created at once).
        var body = RandomNumberGenerator.GetBytes(ThreeMiB);
        var writer = store.OpenBlobWriter(ThreeMiB);
        await writer.WriteAsync(body.AsMemory(0, 2 * 1024 * 1024 + 1));
        Assert.Equal(takeOver, writer.BlobId.Contains('+'));
        using (var reset = await http.PostAsync("/_fakes3/reset", new StringContent("{}", System.Text.Encoding.UTF8, "application/json")))
            Assert.True(reset.IsSuccessStatusCode);
        await writer.WriteAsync(body.AsMemory(2 * 1024 * 1024 + 1));
        var status = await store.CommitAsync(new ObjectRecord { Bucket = "recycle", Key = "late", Size = body.Length, ETag = "\"late\"" }, writer);
        await writer.DisposeAsync();

        // Not acknowledged (its bucket was deleted meanwhile), so never an object whose every GET fails.
        Assert.Equal(StoreStatus.NoSuchBucket, status);
        var missing = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => Get(client, "late"));
        Assert.Equal("NoSuchKey", missing.ErrorCode);
        var deadline = DateTime.UtcNow + BlobRecycler.HoldFor + TimeSpan.FromSeconds(20);
        while (ChunkCount(db) > 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal(0, ChunkCount(db));
        await Put(client, "after", body);
        Assert.Equal(body, await Get(client, "after"));
    }

    [Fact]
    public async Task AFreedBlobWhoseFreeingCommitWasLost_IsNeitherTakenOverNorDeleted()
    {
        await using var started = await StartWithBucketAsync();
        var (_, client, db, store) = started;
        var first = RandomNumberGenerator.GetBytes(ThreeMiB);
        await Put(client, "k", first);
        var firstRecord = store.GetObject("recycle", "k")!;
        await Put(client, "k", RandomNumberGenerator.GetBytes(ThreeMiB)); // frees the first blob: it waits to be taken over

        // LiteDB writes its log behind the commit: an engine stopped by an I/O error (a full disk) can lose an
        // acknowledged commit, and the reopened file has the first version again (and no marker for its blob).
        lock (db.Lock)
        {
            db.Objects.Update(firstRecord);
            db.PendingBlobs.Delete(firstRecord.Segments[0].BlobId);
        }
        db.RecoverAfterFault(diskFull: true);

        var other = RandomNumberGenerator.GetBytes(ThreeMiB);
        await Put(client, "other", other); // of the freed blob's size
        Assert.DoesNotContain("+", store.GetObject("recycle", "other")!.Segments[0].BlobId);
        await Task.Delay(BlobRecycler.HoldFor + TimeSpan.FromSeconds(1)); // the collector's wait
        Assert.Equal(first, await Get(client, "k"));
        Assert.Equal(other, await Get(client, "other"));
    }

    [Fact]
    public async Task ATakeoverWhoseMarkerSwapWasLost_StillReadsBackAfterARestart()
    {
        var third = RandomNumberGenerator.GetBytes(ThreeMiB);
        string dataPath;
        await using (var s3 = await TestFakeS3.StartAsync())
        {
            dataPath = s3.DataPath;
            using var client = s3.CreateS3Client();
            await client.PutBucketAsync("recycle");
            var (db, store) = Storage(s3);
            await Put(client, "k", RandomNumberGenerator.GetBytes(ThreeMiB));
            var freed = store.GetObject("recycle", "k")!.Segments[0];
            await Put(client, "k", RandomNumberGenerator.GetBytes(ThreeMiB));

            // An upload takes the freed blob over; then the file is reopened after an engine fault and has lost the
            // takeover's commit (LiteDB writes its log behind the commit): the freed blob's marker is back.
            var writer = store.OpenBlobWriter(ThreeMiB);
            await writer.WriteAsync(third.AsMemory(0, 2 * 1024 * 1024 + 1));
            Assert.Equal(BlobLayout.NextGeneration(freed.BlobId), writer.BlobId);
            lock (db.Lock) db.PendingBlobs.Upsert(new LiteDB.BsonDocument { ["_id"] = freed.BlobId, ["size"] = freed.Size });
            await writer.WriteAsync(third.AsMemory(2 * 1024 * 1024 + 1));
            Assert.Equal(StoreStatus.Ok, await store.CommitAsync(new ObjectRecord { Bucket = "recycle", Key = "other", Size = third.Length, ETag = $"\"{Convert.ToHexStringLower(MD5.HashData(third))}\"" }, writer));
            await writer.DisposeAsync();
        }
        await using var again = await TestFakeS3.StartAsync(dataPath: dataPath); // collects what is marked
        using var reopened = again.CreateS3Client();
        Assert.Equal(third, await Get(reopened, "other"));
    }

    static Task UploadPart(AmazonS3Client client, string uploadId, int number, byte[] body) =>
        client.UploadPartAsync(new UploadPartRequest { BucketName = "recycle", Key = "mp", UploadId = uploadId, PartNumber = number, InputStream = new MemoryStream(body) });

    /// <summary>A FakeS3 with the bucket "recycle", a client, and its store underneath.</summary>
    static Task<StoreBehindHttp> StartWithBucketAsync() => StoreBehindHttp.StartWithBucketAsync("recycle");

    static (FakeS3Database Db, IObjectStore Store) Storage(TestFakeS3 s3) => StoreBehindHttp.Storage(s3);

    static int ChunkCount(FakeS3Database db) => StoreBehindHttp.ChunkCount(db);

    static Task Put(AmazonS3Client client, string key, byte[] body) => client.PutBytesAsync("recycle", key, body);

    static Task<byte[]> Get(AmazonS3Client client, string key) => client.ReadAllAsync("recycle", key);
}
