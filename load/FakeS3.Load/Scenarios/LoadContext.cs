using System.Collections.Concurrent;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Load.S3;
using FakeS3.Load.Simulation;

namespace FakeS3.Load.Scenarios;

/// <summary>What every scenario shares: the target, its signer, one pooled HttpClient and the run's key prefix.</summary>
public sealed class LoadContext(S3Target target, Presigner presigner, S3Http http, long objectSize, string runId, bool verify = true) : IDisposable
{
    /// <summary>Seeds cycle so small bodies can be cached; key n always holds seed n % SeedCount.</summary>
    public const int SeedCount = 64;

    public S3Target Target => target;
    public Presigner Presigner => presigner;
    public S3Http Http => http;
    public long ObjectSize => objectSize;
    public string RunId => runId;
    public bool VerifiesData => verify;

    private readonly ConcurrentDictionary<int, (byte[] Body, string? ETag)> _bodies = new();

    public string Key(string scenario, long n) => $"load/{runId}/{scenario}/{n}";

    public static int SeedOf(long n) => (int)(n % SeedCount);

    /// <summary>A cached small body and its MD5 ETag (only for sizes that fit comfortably in memory).</summary>
    public (byte[] Body, string? ETag) Body(int seed) =>
        _bodies.GetOrAdd(seed, s =>
        {
            var body = ObjectPayload.Create(s, checked((int)objectSize));
            return (body, verify ? ObjectPayload.ETagOf(body) : null);
        });

    public static DateTime InOneHour() => DateTime.UtcNow.AddHours(1);

    public async Task EnsureBucketAsync(CancellationToken ct)
    {
        try
        {
            await presigner.Client.PutBucketAsync(new PutBucketRequest { BucketName = target.Bucket }, ct);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists" || e.StatusCode == HttpStatusCode.Conflict)
        {
        }
    }

    /// <summary>Uploads one object through a presigned PUT, streaming its body; throws on failure (setup, not load).</summary>
    public async Task PutSeedObjectAsync(string key, int seed, long size, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, presigner.PresignPut(key, InOneHour())) { Content = new PatternContent(seed, size) };
        using var response = await http.Client.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            var (code, _) = await S3ErrorParser.ReadCodeAsync(response, ct);
            throw new InvalidOperationException($"setup: PUT {key} answered {(int)response.StatusCode} {code}");
        }
    }

    /// <summary>GET through a presigned URL and compare every byte with what key's seed says it holds.</summary>
    public async Task<StepResult> GetAndCompareAsync(Uri url, int seed, long size, string operation, CancellationToken ct) =>
        !verify ? await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, url), operation, 0, ct) :
        await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, url), operation, 0, ct, async (response, token) =>
        {
            await using var stream = await response.Content.ReadAsStreamAsync(token);
            var (mismatchAt, length) = await ObjectPayload.CompareAsync(stream, seed, size, token);
            return mismatchAt < 0
                ? StepResult.Ok(operation, (int)response.StatusCode, 0, length)
                : new StepResult(StepOutcome.Corrupted, (int)response.StatusCode, "DataCorrupted", 0, length, operation);
        });

    /// <summary>The read-back check of PUT scenarios: GET a sample of the keys written and compare.</summary>
    public async Task<IntegrityResult> ReadBackAsync(IEnumerable<(string Key, int Seed, long Size)> written, CancellationToken ct)
    {
        if (!verify) return IntegrityResult.NotChecked;
        int checkedCount = 0, corrupted = 0;
        var details = new List<string>();
        foreach (var (key, seed, size) in written)
        {
            var r = await GetAndCompareAsync(presigner.PresignGet(key, InOneHour()), seed, size, "read-back", ct);
            checkedCount++;
            if (!r.IsSuccess)
            {
                corrupted++;
                details.Add($"{key}: {r.Outcome} {r.StatusCode} {r.ErrorCode}");
            }
        }
        return new IntegrityResult(checkedCount, corrupted, details);
    }

    public void Dispose()
    {
        presigner.Dispose();
        http.Client.Dispose();
    }
}
