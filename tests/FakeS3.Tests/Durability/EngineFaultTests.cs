using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Storage;
using FakeS3.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace FakeS3.Tests.Durability;

/// <summary>
/// LiteDB itself running into a full disk (the path behind DiskRoom's up-front refusal, as when another process
/// fills the disk between FakeS3's check and the write): a real tmpfs, real files; only DiskRoom's check is
/// switched off (an internal test hook) so the write reaches LiteDB.
/// </summary>
public sealed class EngineFaultTests(ITestOutputHelper output)
{
    const int MiB = 1024 * 1024;

    [Fact]
    public async Task LiteDbHitsFullDisk_Answers503_ObjectsStayReadable_DeleteWorks_RecoversWithoutRestart()
    {
        using var mount = TempMount.TryCreate("size=32m", output);
        if (mount is null) return;
        var dataPath = Path.Combine(mount.Path, "fakes3.db");
        await using var s3 = await TestFakeS3.StartAsync(dataPath: dataPath);
        var db = s3.Services.GetRequiredService<FakeS3Database>();
        using var client = s3.CreateS3Client(configure: c => c.MaxErrorRetry = 0);
        await client.PutBucketAsync("full");
        var stored = new List<(string Key, byte[] Body)>();
        for (var i = 0; i < 3; i++) stored.Add(await Put(client, "k" + i, MiB));
        await WaitForCheckpoint(db);

        db.Room!.SkipChecksForTests = true;
        var filler = DiskFiller.Fill(mount.Path, "filler");
        var full = await Assert.ThrowsAsync<AmazonS3Exception>(() => Put(client, "too-big", 2 * MiB));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, full.StatusCode);
        Assert.Equal("ServiceUnavailable", full.ErrorCode);
        Assert.Contains("disk holding its data file is full", full.Message);
        Assert.False(File.Exists(dataPath + ".reserve")); // LiteDB's error, not DiskRoom's: the reserve was released

        foreach (var (key, body) in stored) Assert.Equal(body, await Get(client, key));
        await Assert.ThrowsAsync<NoSuchKeyException>(() => client.GetObjectAsync("full", "too-big"));
        var deleted = await client.DeleteObjectAsync("full", stored[0].Key);
        Assert.Equal(HttpStatusCode.NoContent, deleted.HttpStatusCode);
        stored.RemoveAt(0);

        File.Delete(filler);
        stored.Add(await Put(client, "after", 2 * MiB));
        foreach (var (key, body) in stored) Assert.Equal(body, await Get(client, key));
        var list = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "full" });
        Assert.Equal(stored.Select(s => s.Key).Order(StringComparer.Ordinal), list.S3Objects.Select(o => o.Key));
    }

    [Fact]
    public async Task CheckpointFailsOnFullDisk_ReadsNeverFail_ReserveIsReleased_AndItComesBackWhenSpaceIsFreed()
    {
        using var mount = TempMount.TryCreate("size=32m", output);
        if (mount is null) return;
        var dataPath = Path.Combine(mount.Path, "fakes3.db");
        await using var s3 = await TestFakeS3.StartAsync(dataPath: dataPath);
        var db = s3.Services.GetRequiredService<FakeS3Database>();
        using var client = s3.CreateS3Client(configure: c => c.MaxErrorRetry = 0);
        await client.PutBucketAsync("full");
        await WaitForCheckpoint(db);

        // The log takes these writes; the data file has to grow by as much when they are checkpointed.
        db.Checkpoints!.PausedForTests = true;
        db.Room!.SkipChecksForTests = true;
        var stored = new List<(string Key, byte[] Body)>();
        for (var i = 0; i < 6; i++) stored.Add(await Put(client, "k" + i, MiB));
        var fillers = new List<string> { DiskFiller.Fill(mount.Path, "filler0") };
        db.Checkpoints.PausedForTests = false;
        await WaitUntil(() => db.Checkpoints.Failures > 0, "a checkpoint to fail on the full disk");
        output.WriteLine($"checkpoint failures: {db.Checkpoints.Failures}, unavailable: {db.IsUnavailable}");
        Assert.False(File.Exists(dataPath + ".reserve")); // the full disk was noticed: the reserve was released

        // Fill what the released reserve gave back too: a reopen now has no room at all.
        fillers.Add(DiskFiller.Fill(mount.Path, "filler1"));
        var statuses = new List<HttpStatusCode>();
        for (var round = 0; round < 20; round++)
        {
            foreach (var (key, body) in stored) statuses.Add(await GetStatus(client, key, body));
            await Task.Delay(100);
        }
        output.WriteLine($"checkpoint failures: {db.Checkpoints.Failures}, unavailable: {db.IsUnavailable}");
        output.WriteLine("while full: " + string.Join(", ", statuses.GroupBy(s => s).Select(g => $"{(int)g.Key} x{g.Count()}")));
        // 200, or 503 while a reopen fails (measured: LiteDB reopens on the full disk, every GET answered 200).
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        Assert.Contains(HttpStatusCode.OK, statuses);

        foreach (var f in fillers) File.Delete(f);
        await WaitUntil(() => !db.IsUnavailable && db.Checkpoints.Count > 0 && new FileInfo(Checkpointer.LogPathOf(dataPath)) is var log
            && (!log.Exists || log.Length < MiB), "the store to reopen and checkpoint once space is freed");
        foreach (var (key, body) in stored) Assert.Equal(body, await Get(client, key));
        var deleted = await client.DeleteObjectAsync("full", stored[0].Key);
        Assert.Equal(HttpStatusCode.NoContent, deleted.HttpStatusCode);
        stored.RemoveAt(0);
        stored.Add(await Put(client, "after", MiB));
        foreach (var (key, body) in stored) Assert.Equal(body, await Get(client, key));
    }

    [Fact]
    public async Task DataFileDamagedWhileRunning_StopsTheServiceWithOneLine_AndIsNotOverwritten()
    {
        var dataPath = TestDataFiles.NewDataPath();
        await using var s3 = await TestFakeS3.StartAsync(dataPath: dataPath);
        var db = s3.Services.GetRequiredService<FakeS3Database>();
        var lifetime = s3.Services.GetRequiredService<IHostApplicationLifetime>();
        using var client = s3.CreateS3Client(configure: c => c.MaxErrorRetry = 0);
        await client.PutBucketAsync("full");
        await Put(client, "k", 64 * 1024);
        await WaitForCheckpoint(db);

        // Another program overwrites the file's header; LiteDB only notices when the file is opened again.
        var damaged = RandomNumberGenerator.GetBytes(8192);
        await using (var f = new FileStream(dataPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) await f.WriteAsync(damaged);
        s3.Services.GetRequiredService<IObjectStore>().RecoverAfterFault(diskFull: true); // what an I/O error leads to

        Assert.NotNull(db.Damage);
        Assert.StartsWith($"FakeS3 stops: FakeS3:DataPath '{dataPath}': ", db.Damage);
        Assert.Contains("not a LiteDB database", db.Damage);
        Assert.DoesNotContain('\n', db.Damage);
        await WaitUntil(() => lifetime.ApplicationStopping.IsCancellationRequested, "the host to stop");
        var header = new byte[8192];
        await using (var f = File.OpenRead(dataPath)) await f.ReadExactlyAsync(header);
        Assert.Equal(damaged, header);
    }

    [Fact]
    public async Task DataFileUnopenable_Answers503NamingIt_ThenRecoversByItself()
    {
        var dataPath = TestDataFiles.NewDataPath();
        await using var s3 = await TestFakeS3.StartAsync(dataPath: dataPath);
        var db = s3.Services.GetRequiredService<FakeS3Database>();
        using var client = s3.CreateS3Client(configure: c => c.MaxErrorRetry = 0);
        await client.PutBucketAsync("full");
        var (key, body) = await Put(client, "k", 64 * 1024);
        await WaitForCheckpoint(db);

        // Another program holds the file exclusively just when the store reopens after an engine error (the
        // hook only picks the moment; the sharing violation LiteDB meets is real).
        FileStream? holder = null;
        db.BeforeReopenForTests = () => holder ??= new FileStream(dataPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        s3.Services.GetRequiredService<IObjectStore>().RecoverAfterFault(diskFull: true);
        Assert.NotNull(holder);
        Assert.True(db.IsUnavailable, "the reopen should have failed while the file is held");
        var down = await Assert.ThrowsAsync<AmazonS3Exception>(() => Get(client, key));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("ServiceUnavailable", down.ErrorCode);
        Assert.Contains($"the data file '{dataPath}' cannot be reopened", down.Message);
        var put = await Assert.ThrowsAsync<AmazonS3Exception>(() => Put(client, "k2", 1024));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, put.StatusCode);

        // With the SDK's default retry policy: it retries the 503, then surfaces the message.
        var counter = new CountingHandler { InnerHandler = new SocketsHttpHandler() };
        using (var retrying = s3.CreateS3Client(configure: c => c.HttpClientFactory = new TestFakeS3.HandlerHttpClientFactory(counter)))
        {
            var after = await Assert.ThrowsAsync<AmazonS3Exception>(() => Get(retrying, key));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
            Assert.Contains($"the data file '{dataPath}' cannot be reopened", after.Message);
            output.WriteLine($"AWSSDK.S3 default retries: {counter.Count} attempts, then: {after.Message}");
            Assert.True(counter.Count > 1, $"expected the SDK to retry a 503, it sent {counter.Count} request(s)");
        }
        await Task.Delay(1000); // several backoff rounds fail while the file is held
        Assert.True(db.IsUnavailable);
        await holder.DisposeAsync();

        await WaitUntil(() => !db.IsUnavailable, "the store to reopen by itself");
        Assert.Null(db.Damage);
        Assert.Equal(body, await Get(client, key));
        await Put(client, "k2", 1024);
    }

    sealed class CountingHandler : DelegatingHandler
    {
        int _count;
        public int Count => _count;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return base.SendAsync(request, cancellationToken);
        }
    }

    static async Task WaitForCheckpoint(FakeS3Database db)
    {
        var before = db.Checkpoints!.Count;
        await WaitUntil(() => db.Checkpoints.Count > before, "a checkpoint");
    }

    static async Task WaitUntil(Func<bool> condition, string what)
    {
        for (var i = 0; i < 300 && !condition(); i++) await Task.Delay(100);
        Assert.True(condition(), "timed out waiting for " + what);
    }

    static Task<(string Key, byte[] Body)> Put(AmazonS3Client client, string key, int size) => client.PutRandomAsync("full", key, size);

    static Task<byte[]> Get(AmazonS3Client client, string key) => client.ReadAllAsync("full", key);

    static async Task<HttpStatusCode> GetStatus(AmazonS3Client client, string key, byte[] body)
    {
        try
        {
            Assert.Equal(body, await Get(client, key));
            return HttpStatusCode.OK;
        }
        catch (AmazonS3Exception e)
        {
            return e.StatusCode;
        }
    }
}
