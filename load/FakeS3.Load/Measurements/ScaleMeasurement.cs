using System.Diagnostics;
using System.Globalization;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Load.Cli;
using FakeS3.Load.S3;

namespace FakeS3.Load.Measurements;

/// <summary>
/// Does a listing's cost grow with the bucket? Seeds --keys objects of 1 KiB under "scale/dNN/" (100 folders),
/// --uploads multipart uploads under "mpu/uNN/" and one upload with --parts parts, then walks every listing API
/// in pages of 1,000: ListObjectsV2, ListObjects (v1), ListObjectVersions, ListMultipartUploads, ListParts, and
/// times a delimiter listing ("/", 100 common prefixes) of each that has one. Seeding runs --concurrency
/// requests in parallel and is skipped when a marker object says this layout was seeded before.
/// </summary>
public static class ScaleMeasurement
{
    public const string Name = "scale";
    private const int Folders = 100;
    private const int BodySize = 1024;
    private const int PageSize = 1000;

    public static async Task<int> RunAsync(LoadOptions o, TextWriter output, TextWriter progress, CancellationToken ct)
    {
        var target = new S3Target(o.Endpoint, o.AccessKey, o.SecretKey, o.Region, o.Bucket);
        using var presigner = new Presigner(target);
        using var http = S3Http.CreateClient(o.Concurrency, o.RequestTimeout);
        var s3 = presigner.Client;
        try
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = o.Bucket }, ct);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
        }

        var marker = $"scale-seeded/{o.Keys}-{o.Uploads}-{o.Parts}";
        var seedWatch = Stopwatch.StartNew();
        string? partsUploadId;
        if (await FindSeedAsync(s3, o.Bucket, marker, ct) is { } seeded)
        {
            partsUploadId = seeded;
            progress.WriteLine($"[scale] already seeded ({marker})");
        }
        else
        {
            await SeedObjectsAsync(presigner, http, o, progress, ct);
            await ParallelAsync(o.Uploads, o.Concurrency, progress, "uploads", async (i, token) =>
                await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = o.Bucket, Key = UploadKey(i) }, token), ct);
            partsUploadId = (await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = o.Bucket, Key = "parts/one" }, ct)).UploadId;
            await ParallelAsync(o.Parts, o.Concurrency, progress, "parts", async (i, token) =>
                await s3.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = o.Bucket, Key = "parts/one", UploadId = partsUploadId, PartNumber = (int)i + 1,
                    InputStream = new MemoryStream(new byte[16]),
                }, token), ct);
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = o.Bucket, Key = marker, ContentBody = partsUploadId }, ct);
            progress.WriteLine($"[scale] seeded in {seedWatch.Elapsed.TotalSeconds:0.0} s");
        }
        var seedSeconds = seedWatch.Elapsed.TotalSeconds;

        var timings = new List<ListingTiming>
        {
            await ListingWalks.ObjectsV2Async(s3, o.Bucket, "scale/", PageSize, o.WalkLimit, ct),
            await ListingWalks.ObjectsV1Async(s3, o.Bucket, "scale/", PageSize, o.WalkLimit, ct),
            await ListingWalks.VersionsAsync(s3, o.Bucket, "scale/", PageSize, o.WalkLimit, ct),
            await ListingWalks.UploadsAsync(s3, o.Bucket, "mpu/", PageSize, o.WalkLimit, ct),
            await ListingWalks.PartsAsync(s3, o.Bucket, "parts/one", partsUploadId, PageSize, o.WalkLimit, ct),
        };
        var report = new ScaleReport(o.Endpoint.ToString(), o.Keys, o.Uploads, o.Parts, seedSeconds, timings);
        output.WriteLine(report.Markdown());
        Directory.CreateDirectory(o.ReportDir);
        var json = Path.Combine(o.ReportDir, Name + ".json");
        await File.WriteAllTextAsync(json, report.Json(), ct);
        output.WriteLine($"report: {json}");
        return timings.All(t => t.Items > 0) ? 0 : 1;
    }

    public static string ObjectKey(long i) =>
        string.Create(CultureInfo.InvariantCulture, $"scale/d{i % Folders:D2}/k{i:D7}");

    public static string UploadKey(long i) =>
        string.Create(CultureInfo.InvariantCulture, $"mpu/u{i % Folders:D2}/{i:D7}");

    /// <summary>The parts upload's id when the marker object exists (seeded before), else null.</summary>
    private static async Task<string?> FindSeedAsync(AmazonS3Client s3, string bucket, string marker, CancellationToken ct)
    {
        try
        {
            using var get = await s3.GetObjectAsync(bucket, marker, ct);
            using var reader = new StreamReader(get.ResponseStream);
            return await reader.ReadToEndAsync(ct);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Presigned PUTs in parallel (cheaper per request than the SDK's PutObject).</summary>
    private static Task SeedObjectsAsync(Presigner presigner, HttpClient http, LoadOptions o, TextWriter progress, CancellationToken ct)
    {
        var body = new byte[BodySize];
        var expires = DateTime.UtcNow.AddHours(1);
        return ParallelAsync(o.Keys, o.Concurrency, progress, "objects", async (i, token) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, presigner.PresignPut(ObjectKey(i), expires)) { Content = new ByteArrayContent(body) };
            using var response = await http.SendAsync(request, token);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"seed PUT {ObjectKey(i)} answered {(int)response.StatusCode}");
        }, ct);
    }

    private static async Task ParallelAsync(long count, int concurrency, TextWriter progress, string what, Func<long, CancellationToken, Task> action, CancellationToken ct)
    {
        long done = 0;
        var watch = Stopwatch.StartNew();
        await Parallel.ForAsync(0L, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, async (i, token) =>
        {
            await action(i, token);
            var n = Interlocked.Increment(ref done);
            if (n % 10_000 == 0 || n == count) progress.WriteLine($"[scale] seeded {n}/{count} {what} ({n / watch.Elapsed.TotalSeconds:0}/s)");
        });
    }
}
