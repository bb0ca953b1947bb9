using Amazon.S3;

namespace FakeS3.Tests.Durability;

static class S3ClientReads
{
    /// <summary>An object's whole body, as a client reads it back.</summary>
    public static async Task<byte[]> ReadAllAsync(this AmazonS3Client client, string bucket, string key)
    {
        using var get = await client.GetObjectAsync(bucket, key);
        using var ms = new MemoryStream();
        await get.ResponseStream.CopyToAsync(ms);
        return ms.ToArray();
    }
}
