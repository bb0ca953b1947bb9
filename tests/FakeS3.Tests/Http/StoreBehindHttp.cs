using Amazon.S3;
using FakeS3.Storage;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Http;

/// <summary>
/// A FakeS3 with one bucket, an SDK client and the storage behind it: for tests that check LiteDB's chunk documents
/// behind what a client sees (blob recycling, chunk adoption).
/// </summary>
sealed record StoreBehindHttp(TestFakeS3 S3, AmazonS3Client Client, FakeS3Database Db, IObjectStore Store) : IAsyncDisposable
{
    public static async Task<StoreBehindHttp> StartWithBucketAsync(string bucket)
    {
        var s3 = await TestFakeS3.StartAsync();
        var client = s3.CreateS3Client();
        await client.PutBucketAsync(bucket);
        var (db, store) = Storage(s3);
        return new StoreBehindHttp(s3, client, db, store);
    }

    public static (FakeS3Database Db, IObjectStore Store) Storage(TestFakeS3 s3) =>
        ((FakeS3Database)s3.Services.GetService(typeof(FakeS3Database))!, (IObjectStore)s3.Services.GetService(typeof(IObjectStore))!);

    public static int ChunkCount(FakeS3Database db)
    {
        lock (db.Lock) return db.Chunks.Count();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await S3.DisposeAsync();
    }
}
