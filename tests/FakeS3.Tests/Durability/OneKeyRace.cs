using System.Collections.Concurrent;
using System.Security.Cryptography;
using Amazon.S3;

namespace FakeS3.Tests.Durability;

/// <summary>
/// Writers overwrite one key with random bodies while readers GET it: every GET must return one complete body that
/// was sent, with its MD5 as ETag. Returns the GETs completed and every failure (a torn body, a wrong ETag, an
/// error; NoSuchKey only counts when the writers never delete the key).
/// </summary>
static class OneKeyRace
{
    public sealed record Sizes(int First, int Min, int MaxExclusive);

    /// <param name="deleteEvery">Every such writer (by index) also deletes the key after each PUT; 0: never.</param>
    public static async Task<(int Gets, List<string> Failures)> RunAsync(AmazonS3Client client, string bucket, string key,
        int writers, int readers, TimeSpan duration, Sizes sizes, int deleteEvery = 0)
    {
        var written = new ConcurrentDictionary<string, byte>();
        var failures = new ConcurrentBag<string>();
        var gets = 0;
        var first = RandomNumberGenerator.GetBytes(sizes.First);
        written[Md5(first)] = 0;
        await client.PutBytesAsync(bucket, key, first);
        using var stop = new CancellationTokenSource(duration);
        var writing = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var rng = new Random(w);
            while (!stop.IsCancellationRequested)
            {
                var body = RandomNumberGenerator.GetBytes(rng.Next(sizes.Min, sizes.MaxExclusive));
                written[Md5(body)] = 0; // before the PUT: a reader may see it at once
                await client.PutBytesAsync(bucket, key, body);
                if (deleteEvery > 0 && w % deleteEvery == 0) await client.DeleteObjectAsync(bucket, key);
            }
        }));
        var reading = Enumerable.Range(0, readers).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var get = await client.GetObjectAsync(bucket, key);
                    using var ms = new MemoryStream();
                    await get.ResponseStream.CopyToAsync(ms);
                    var md5 = Md5(ms.ToArray());
                    Interlocked.Increment(ref gets);
                    if (!written.ContainsKey(md5) || get.ETag.Trim('"') != md5) failures.Add($"torn body {md5} etag {get.ETag}");
                }
                catch (AmazonS3Exception e) when (deleteEvery > 0 && e.ErrorCode == "NoSuchKey")
                {
                    // deleted between two writes: a legitimate answer
                }
                catch (Exception e)
                {
                    failures.Add(e.GetType().Name + ": " + e.Message);
                }
            }
        }));
        await Task.WhenAll(writing.Concat(reading));
        return (gets, failures.ToList());
    }

    static string Md5(byte[] body) => Convert.ToHexStringLower(MD5.HashData(body));
}
