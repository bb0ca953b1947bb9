using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Http;

/// <summary>Concurrent large reads and writes: every response intact, and FakeS3 keeps serving afterwards.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task ParallelLargeGetsAndPuts_AllSucceedWithIntactBytes()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("busy");
        var data = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 123);
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "busy", Key = "big", InputStream = new MemoryStream(data) });
        var getUrl = await client.GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = "busy", Key = "big", Verb = HttpVerb.GET, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(5) });
        using var http = new HttpClient();

        var readers = Enumerable.Range(0, 8).Select(async _ =>
        {
            for (var i = 0; i < 3; i++)
            {
                var bytes = await http.GetByteArrayAsync(getUrl);
                Assert.True(data.AsSpan().SequenceEqual(bytes));
            }
        });
        var writers = Enumerable.Range(0, 4).Select(async w =>
        {
            for (var i = 0; i < 3; i++)
            {
                var url = await client.GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = "busy", Key = $"w{w}", Verb = HttpVerb.PUT, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(5) });
                using var put = await http.PutAsync(url, new ByteArrayContent(data));
                Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            }
        });
        await Task.WhenAll(readers.Concat(writers));

        var list = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "busy" });
        Assert.Equal(["big", "w0", "w1", "w2", "w3"], list.S3Objects.Select(o => o.Key));
        Assert.All(list.S3Objects, o => Assert.Equal(data.Length, o.Size));
    }

    [Fact]
    public async Task ConcurrentPutsToOneKey_OneBodyWins_NoOrphanChunksLeft()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("same-key");
        var bodies = Enumerable.Range(0, 24).Select(i => RandomNumberGenerator.GetBytes(FakeS3.Storage.BlobWriter.ChunkSize + 4_000 + i)).ToList();
        var url = await client.GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = "same-key", Key = "k", Verb = HttpVerb.PUT, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(5) });
        using var http = new HttpClient();
        await Task.WhenAll(bodies.Select(async b =>
        {
            using var put = await http.PutAsync(url, new ByteArrayContent(b));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }));
        using var get = await client.GetObjectAsync("same-key", "k");
        using var ms = new MemoryStream();
        await get.ResponseStream.CopyToAsync(ms);
        Assert.Contains(bodies, b => b.AsSpan().SequenceEqual(ms.ToArray()));
        // every replaced version's chunks were freed: only the winner's two chunks remain
        var db = (FakeS3.Storage.FakeS3Database)s3.Services.GetService(typeof(FakeS3.Storage.FakeS3Database))!;
        lock (db.Lock) Assert.Equal(2, db.Chunks.Count());
    }
}
