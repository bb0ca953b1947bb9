using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Tests.Infrastructure;
using Xunit.Abstractions;

namespace FakeS3.Tests.Durability;

/// <summary>
/// The data file on a 24 MiB tmpfs: a full disk answers 503 ServiceUnavailable saying so, committed objects stay
/// readable, DELETE works, and once space is freed uploads work again without a restart.
/// </summary>
public sealed class DiskFullTests(ITestOutputHelper output)
{
    [Fact]
    public async Task FullDisk_Answers503_KeepsObjectsReadable_DeleteWorks_RecoversWhenSpaceIsFreed()
    {
        using var mount = TempMount.TryCreate("size=24m", output);
        if (mount is null) return;
        var filler = Path.Combine(mount.Path, "filler");
        await File.WriteAllBytesAsync(filler, new byte[8 * 1024 * 1024]);
        await using var s3 = await TestFakeS3.StartAsync(dataPath: Path.Combine(mount.Path, "fakes3.db"));
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("full");

        var stored = new List<(string Key, byte[] Body)>();
        AmazonS3Exception? full = null;
        for (var i = 0; i < 40 && full is null; i++)
        {
            var body = RandomNumberGenerator.GetBytes(1024 * 1024);
            try
            {
                await client.PutObjectAsync(new PutObjectRequest { BucketName = "full", Key = "k" + i, InputStream = new MemoryStream(body) });
                stored.Add(("k" + i, body));
            }
            catch (AmazonS3Exception e)
            {
                full = e;
            }
        }
        Assert.NotNull(full);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, full.StatusCode);
        Assert.Equal("ServiceUnavailable", full.ErrorCode);
        Assert.Contains("disk holding its data file is full", full.Message);
        Assert.NotEmpty(stored);

        foreach (var (key, body) in stored) Assert.Equal(body, await Get(client, key));
        var list = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "full" });
        Assert.Equal(stored.Count, list.S3Objects.Count);

        var deleted = await client.DeleteObjectAsync("full", stored[0].Key);
        Assert.Equal(HttpStatusCode.NoContent, deleted.HttpStatusCode);
        stored.RemoveAt(0);

        File.Delete(filler); // space freed outside FakeS3: no restart needed
        var again = RandomNumberGenerator.GetBytes(1024 * 1024);
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "full", Key = "after", InputStream = new MemoryStream(again) });
        Assert.Equal(again, await Get(client, "after"));
        foreach (var (key, body) in stored) Assert.Equal(body, await Get(client, key));
    }

    /// <summary>
    /// Another process fills the disk to the last megabyte: deleting objects is then the way out. Each delete
    /// rewrites its pages into LiteDB's log, so the first one used to fail for want of room (the reserve was kept
    /// once uploads had been refused), the log was never checkpointed again (the check wanted free room as large
    /// as the log), and every DELETE and PUT answered 503 until a restart. Now every delete succeeds on the first
    /// try, and uploads use the space the deletes freed inside the data file.
    /// </summary>
    [Fact]
    public async Task DiskFilledByAnotherProcess_DeletesAlwaysWork_AndTheFreedSpaceTakesNewUploads()
    {
        using var mount = TempMount.TryCreate("size=64m", output);
        if (mount is null) return;
        await using var s3 = await TestFakeS3.StartAsync(dataPath: Path.Combine(mount.Path, "fakes3.db"));
        using var client = await ClientWithBucket(s3);
        var stored = new List<(string Key, byte[] Body)>();
        for (var i = 0; i < 12; i++) stored.Add(await client.PutRandomAsync("full", "k" + i, 1024 * 1024));

        // The other process: writes until the disk is full, then gives back half a megabyte.
        var filler = DiskFiller.Fill(mount.Path, "filler");
        using (var f = new FileStream(filler, FileMode.Open)) f.SetLength(Math.Max(0, f.Length - 512 * 1024));

        foreach (var (key, _) in stored.Take(8))
        {
            var deleted = await client.DeleteObjectAsync("full", key);
            Assert.Equal(HttpStatusCode.NoContent, deleted.HttpStatusCode);
        }
        stored.RemoveRange(0, 8);

        // With the SDK's default retries, as users upload: the room left on the disk is a few MiB, so an upload that
        // meets the log of the deletes before the checkpoint has shrunk it may get the retryable 503 once (seen
        // once in a full parallel test run on a loaded machine, never alone).
        using var retrying = s3.CreateS3Client();
        for (var i = 0; i < 4; i++) stored.Add(await retrying.PutRandomAsync("full", "again" + i, 1024 * 1024));
        foreach (var (key, body) in stored) Assert.Equal(body, await Get(client, key));
        var list = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "full" });
        Assert.Equal(stored.Select(s => s.Key).Order(StringComparer.Ordinal), list.S3Objects.Select(o => o.Key));
    }

    /// <summary>
    /// FakeS3 refuses uploads first (its own check, room left on the disk), then another process takes the last
    /// byte. The refusal used to be handled like LiteDB meeting a full disk: the reserve was released (and the
    /// database reopened) at the first refused PUT, so once the disk was filled from outside every DELETE answered
    /// 503 for good — the way out of a full disk was gone. (With objects over 1 MiB the DELETEs succeed and the
    /// background collector meets the full disk: it used to end the process; see BlobCollector.)
    /// </summary>
    [Fact]
    public async Task UploadsRefusedFirst_ThenDiskFilledToTheLastByte_DeletesStillWork()
    {
        using var mount = TempMount.TryCreate("size=64m", output);
        if (mount is null) return;
        await using var s3 = await TestFakeS3.StartAsync(dataPath: Path.Combine(mount.Path, "fakes3.db"));
        using var client = await ClientWithBucket(s3);
        var stored = new List<(string Key, byte[] Body)>();
        AmazonS3Exception? refused = null;
        for (var i = 0; i < 100 && refused is null; i++)
        {
            try
            {
                // 1 MiB: freed with the DELETE's commit (larger blobs go to the background collector).
                stored.Add(await client.PutRandomAsync("full", "k" + i, 1024 * 1024));
            }
            catch (AmazonS3Exception e)
            {
                refused = e;
            }
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused?.StatusCode);

        DiskFiller.Fill(mount.Path, "filler");

        foreach (var (key, _) in stored.Take(4))
        {
            var deleted = await client.DeleteObjectAsync("full", key);
            Assert.Equal(HttpStatusCode.NoContent, deleted.HttpStatusCode);
        }
        foreach (var (key, body) in stored.Skip(4)) Assert.Equal(body, await Get(client, key));
    }

    /// <summary>
    /// LiteDB finalizes a transaction left open by a rollback that failed on the full disk, and that finalizer threw on
    /// the finalizer thread: the test host crashed minutes after the disk-full tests, once the engines dropped by the
    /// store's reopens were collected (a server would have ended the same way). Uploads (answered 200 or 503) and
    /// deletes taking turns on a disk filled to the last byte, then full collections: the process lives on. Every
    /// DELETE succeeds: the background deletion of a deleted object's chunks freed 256 of them per transaction, which
    /// did not fit the room left, and every DELETE after it answered 503.
    /// </summary>
    [Fact]
    public async Task AfterWritesFailOnAFullDisk_DroppedEnginesAreCollectedWithoutEndingTheProcess()
    {
        using var mount = TempMount.TryCreate("size=48m", output);
        if (mount is null) return;
        await using (var s3 = await TestFakeS3.StartAsync(dataPath: Path.Combine(mount.Path, "fakes3.db")))
        {
            using var client = await ClientWithBucket(s3);
            var stored = new List<(string Key, byte[] Body)>();
            for (var i = 0; i < 6; i++) stored.Add(await client.PutRandomAsync("full", "k" + i, 2 * 1024 * 1024));
            DiskFiller.Fill(mount.Path, "filler");
            for (var i = 0; i < 8; i++)
            {
                await AnsweredOrFull(() => client.PutRandomAsync("full", "late" + i, (i % 2 == 0 ? 1 : 256) * 1024));
                var deleted = await client.DeleteObjectAsync("full", stored[i % stored.Count].Key);
                Assert.Equal(HttpStatusCode.NoContent, deleted.HttpStatusCode);
            }
        }
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    static async Task AnsweredOrFull(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (AmazonS3Exception e)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, e.StatusCode);
        }
    }

    static Task<byte[]> Get(AmazonS3Client client, string key) => client.ReadAllAsync("full", key);

    /// <summary>A client that does not retry (each 503 is seen) and the bucket "full".</summary>
    static async Task<AmazonS3Client> ClientWithBucket(TestFakeS3 s3)
    {
        var client = s3.CreateS3Client(configure: c => c.MaxErrorRetry = 0);
        await client.PutBucketAsync("full");
        return client;
    }
}
