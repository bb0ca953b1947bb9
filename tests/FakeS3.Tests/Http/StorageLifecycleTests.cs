using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Storage;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Http;

/// <summary>
/// Small objects live in their record, larger ones in chunk blobs, the largest are freed in the background:
/// every size reads back intact, across overwrites and a restart, and nothing replaced or deleted stays behind.
/// </summary>
public sealed class StorageLifecycleTests
{
    [Fact]
    public async Task OneKey_SmallThenLargeThenSmall_ReadsBackEachVersionAndSurvivesRestart()
    {
        var small = RandomNumberGenerator.GetBytes(BlobWriter.InlineLimit);
        var large = RandomNumberGenerator.GetBytes(200_000);
        var tiny = "hello, inline"u8.ToArray();
        string dataPath;
        await using (var s3 = await TestFakeS3.StartAsync())
        {
            dataPath = s3.DataPath;
            using var client = s3.CreateS3Client();
            await client.PutBucketAsync("sizes");
            foreach (var body in new[] { small, large, tiny })
            {
                await Put(client, "sizes", "k", body);
                Assert.Equal(body, await Get(client, "sizes", "k"));
            }
            await Put(client, "sizes", "other", small);
        }
        await using var again = await TestFakeS3.StartAsync(dataPath: dataPath);
        using var reopened = again.CreateS3Client();
        Assert.Equal(tiny, await Get(reopened, "sizes", "k"));
        Assert.Equal(small, await Get(reopened, "sizes", "other"));
        using var range = await reopened.GetObjectAsync(new GetObjectRequest { BucketName = "sizes", Key = "k", ByteRange = new ByteRange(1, 4) });
        Assert.Equal(HttpStatusCode.PartialContent, range.HttpStatusCode);
        using var ms = new MemoryStream();
        await range.ResponseStream.CopyToAsync(ms);
        Assert.Equal(tiny[1..5], ms.ToArray());
    }

    [Fact]
    public async Task ReplacedAndDeletedObjects_LeaveNoChunksBehind()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("collect");
        var db = (FakeS3Database)s3.Services.GetService(typeof(FakeS3Database))!;

        await Put(client, "collect", "small", RandomNumberGenerator.GetBytes(100));
        Assert.Equal(0, Count(db)); // inline: no chunk at all

        await Put(client, "collect", "big", RandomNumberGenerator.GetBytes(3 * 1024 * 1024)); // 48 chunks: freed in the background
        await Put(client, "collect", "mid", RandomNumberGenerator.GetBytes(300_000)); // 5 chunks: freed with the commit
        Assert.Equal(53, Count(db));
        await Put(client, "collect", "big", RandomNumberGenerator.GetBytes(10));
        await Put(client, "collect", "mid", RandomNumberGenerator.GetBytes(10));
        await client.DeleteObjectAsync("collect", "small");

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Count(db) > 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal(0, Count(db));
        lock (db.Lock) Assert.Equal(0, db.PendingBlobs.Count());
        Assert.Equal(10, (await Get(client, "collect", "big")).Length);

        // Six concurrent 1.5 MiB overwrites of one key: only the winner's 24 chunks stay.
        var bodies = Enumerable.Range(0, 6).Select(_ => RandomNumberGenerator.GetBytes(1536 * 1024)).ToList();
        await Task.WhenAll(bodies.Select(b => Put(client, "collect", "storm", b)));
        var stored = await Get(client, "collect", "storm");
        Assert.Contains(bodies, b => b.AsSpan().SequenceEqual(stored));
        deadline = DateTime.UtcNow.AddSeconds(20);
        while (Count(db) > 24 && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal(24, Count(db));
        lock (db.Lock) Assert.Equal(0, db.PendingBlobs.Count());
    }

    static int Count(FakeS3Database db)
    {
        lock (db.Lock) return db.Chunks.Count();
    }

    static Task Put(AmazonS3Client client, string bucket, string key, byte[] body) =>
        client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = new MemoryStream(body) });

    static async Task<byte[]> Get(AmazonS3Client client, string bucket, string key)
    {
        using var get = await client.GetObjectAsync(bucket, key);
        using var ms = new MemoryStream();
        await get.ResponseStream.CopyToAsync(ms);
        return ms.ToArray();
    }
}
