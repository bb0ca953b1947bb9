using System.Diagnostics;
using Amazon.S3;
using Amazon.S3.Model;

namespace FakeS3.Load.Measurements;

/// <summary>
/// Walks each listing API to its end with the SDK, timing every page (client parse included, as a user sees it),
/// then times the delimiter listing three times (median). A walk stops after the time limit (a listing whose pages
/// grow with their position would otherwise take minutes); its rate is then over the items it reached.
/// </summary>
public static class ListingWalks
{
    public static async Task<ListingTiming> ObjectsV2Async(AmazonS3Client s3, string bucket, string prefix, int page, TimeSpan limit, CancellationToken cancel)
    {
        var ct = Bounded(cancel, limit);
        var pages = new List<double>();
        long items = 0;
        string? token = null;
        try
        {
            do
            {
                var (r, ms) = await Timed(() => s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, MaxKeys = page, ContinuationToken = token }, ct));
                pages.Add(ms);
                items += r.S3Objects?.Count ?? 0;
                token = r.IsTruncated == true ? r.NextContinuationToken : null;
            }
            while (token is not null && pages.Sum() < limit.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            // time is up: the walk ends where it got to
        }
        ct = Bounded(cancel, limit);
        var (delimiterMs, prefixes) = await DelimiterAsync(async () =>
            (await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, Delimiter = "/", MaxKeys = page }, ct)).CommonPrefixes?.Count ?? 0);
        return ListingTiming.From("ListObjectsV2", items, pages, delimiterMs, prefixes);
    }

    public static async Task<ListingTiming> ObjectsV1Async(AmazonS3Client s3, string bucket, string prefix, int page, TimeSpan limit, CancellationToken cancel)
    {
        var ct = Bounded(cancel, limit);
        var pages = new List<double>();
        long items = 0;
        string? marker = null;
        try
        {
            do
            {
                var (r, ms) = await Timed(() => s3.ListObjectsAsync(new ListObjectsRequest { BucketName = bucket, Prefix = prefix, MaxKeys = page, Marker = marker }, ct));
                pages.Add(ms);
                items += r.S3Objects?.Count ?? 0;
                // Without a delimiter S3 sends no NextMarker: the last key is the marker.
                marker = r.IsTruncated == true ? r.NextMarker ?? r.S3Objects?.LastOrDefault()?.Key : null;
            }
            while (marker is not null && pages.Sum() < limit.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            // time is up: the walk ends where it got to
        }
        ct = Bounded(cancel, limit);
        var (delimiterMs, prefixes) = await DelimiterAsync(async () =>
            (await s3.ListObjectsAsync(new ListObjectsRequest { BucketName = bucket, Prefix = prefix, Delimiter = "/", MaxKeys = page }, ct)).CommonPrefixes?.Count ?? 0);
        return ListingTiming.From("ListObjects (v1)", items, pages, delimiterMs, prefixes);
    }

    public static async Task<ListingTiming> VersionsAsync(AmazonS3Client s3, string bucket, string prefix, int page, TimeSpan limit, CancellationToken cancel)
    {
        var ct = Bounded(cancel, limit);
        var pages = new List<double>();
        long items = 0;
        string? keyMarker = null, versionMarker = null;
        bool more;
        try
        {
            do
            {
                var (r, ms) = await Timed(() => s3.ListVersionsAsync(new ListVersionsRequest
                {
                    BucketName = bucket, Prefix = prefix, MaxKeys = page, KeyMarker = keyMarker, VersionIdMarker = versionMarker,
                }, ct));
                pages.Add(ms);
                items += r.Versions?.Count ?? 0;
                more = r.IsTruncated == true;
                (keyMarker, versionMarker) = (r.NextKeyMarker, r.NextVersionIdMarker);
            }
            while (more && keyMarker is not null && pages.Sum() < limit.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            // time is up: the walk ends where it got to
        }
        ct = Bounded(cancel, limit);
        var (delimiterMs, prefixes) = await DelimiterAsync(async () =>
            (await s3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket, Prefix = prefix, Delimiter = "/", MaxKeys = page }, ct)).CommonPrefixes?.Count ?? 0);
        return ListingTiming.From("ListObjectVersions", items, pages, delimiterMs, prefixes);
    }

    public static async Task<ListingTiming> UploadsAsync(AmazonS3Client s3, string bucket, string prefix, int page, TimeSpan limit, CancellationToken cancel)
    {
        var ct = Bounded(cancel, limit);
        var pages = new List<double>();
        long items = 0;
        string? keyMarker = null, uploadMarker = null;
        bool more;
        try
        {
            do
            {
                var (r, ms) = await Timed(() => s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest
                {
                    BucketName = bucket, Prefix = prefix, MaxUploads = page, KeyMarker = keyMarker, UploadIdMarker = uploadMarker,
                }, ct));
                pages.Add(ms);
                items += r.MultipartUploads?.Count ?? 0;
                more = r.IsTruncated == true;
                (keyMarker, uploadMarker) = (r.NextKeyMarker, r.NextUploadIdMarker);
            }
            while (more && keyMarker is not null && pages.Sum() < limit.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            // time is up: the walk ends where it got to
        }
        ct = Bounded(cancel, limit);
        var (delimiterMs, prefixes) = await DelimiterAsync(async () =>
            (await s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket, Prefix = prefix, Delimiter = "/", MaxUploads = page }, ct)).CommonPrefixes?.Count ?? 0);
        return ListingTiming.From("ListMultipartUploads", items, pages, delimiterMs, prefixes);
    }

    public static async Task<ListingTiming> PartsAsync(AmazonS3Client s3, string bucket, string key, string uploadId, int page, TimeSpan limit, CancellationToken cancel)
    {
        var ct = Bounded(cancel, limit);
        var pages = new List<double>();
        long items = 0;
        int? marker = null;
        bool more;
        try
        {
            do
            {
                var (r, ms) = await Timed(() => s3.ListPartsAsync(new ListPartsRequest
                {
                    BucketName = bucket, Key = key, UploadId = uploadId, MaxParts = page, PartNumberMarker = marker?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                }, ct));
                pages.Add(ms);
                items += r.Parts?.Count ?? 0;
                more = r.IsTruncated == true;
                marker = r.NextPartNumberMarker;
            }
            while (more && marker is not null && pages.Sum() < limit.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            // time is up: the walk ends where it got to
        }
        ct = Bounded(cancel, limit);
        return ListingTiming.From("ListParts", items, pages, null, null);
    }

    /// <summary>A token that ends the walk's calls when its time is up (a single request can take minutes).</summary>
    private static CancellationToken Bounded(CancellationToken ct, TimeSpan limit)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(limit);
        return cts.Token;
    }

    private static async Task<(T Result, double Ms)> Timed<T>(Func<Task<T>> call)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await call();
        return (result, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    /// <summary>Median of three calls (fewer once they took 10 s); (null, -1) when a call ran past the limit.</summary>
    private static async Task<(double? Ms, int? Prefixes)> DelimiterAsync(Func<Task<int>> list)
    {
        var times = new List<double>();
        var prefixes = 0;
        try
        {
            for (var i = 0; i < 3 && times.Sum() < 10_000; i++)
            {
                var (n, ms) = await Timed(list);
                times.Add(ms);
                prefixes = n;
            }
        }
        catch (OperationCanceledException)
        {
            return (null, -1);
        }
        return (ListingTiming.MedianOf(times), prefixes);
    }
}
