using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;

namespace FakeS3.Tests.Durability;

static class S3ClientCalls
{
    /// <summary>An object's whole body, as a client reads it back.</summary>
    public static async Task<byte[]> ReadAllAsync(this AmazonS3Client client, string bucket, string key)
    {
        using var get = await client.GetObjectAsync(bucket, key);
        using var ms = new MemoryStream();
        await get.ResponseStream.CopyToAsync(ms);
        return ms.ToArray();
    }

    public static Task PutBytesAsync(this AmazonS3Client client, string bucket, string key, byte[] body) =>
        client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = new MemoryStream(body) });

    /// <summary>PUTs <paramref name="size"/> random bytes; returns the key and the body sent.</summary>
    public static async Task<(string Key, byte[] Body)> PutRandomAsync(this AmazonS3Client client, string bucket, string key, int size)
    {
        var body = RandomNumberGenerator.GetBytes(size);
        await client.PutBytesAsync(bucket, key, body);
        return (key, body);
    }
}
