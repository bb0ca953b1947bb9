namespace FakeS3.Storage;

/// <summary>
/// One listing page in S3's UTF-8 binary key order with delimiter grouping, for objects, versions and multipart
/// uploads alike. Prefix, delimiter and marker are plain strings, never patterns. A page costs O(page + log n): it
/// seeks to the first key through the sort-key index, stops at the end of the prefix, and skips a whole common
/// prefix with one seek. Paging resumes after a key or common prefix by name, so deletions between pages never
/// skip or repeat a key.
/// </summary>
internal static class KeyPage
{
    /// <summary>Reads items with lo &lt;= SortKey &lt;= hi in order, at most about <c>limit</c>; More when it stopped at the limit.</summary>
    public delegate (List<T> Records, bool More) RangeReader<T>(byte[] lo, byte[] hi, int limit);

    const int FirstDelimiterBatch = 8;
    const int MaxBatch = 1001;

    /// <param name="marker">The page starts after this key (and after a common prefix holding it).</param>
    /// <param name="resumesAtMarker">For items whose key is the marker: whether the page includes them (null: none;
    /// ListMultipartUploads resumes after an upload id within the marker's key).</param>
    public static (List<T> Items, List<string> Prefixes, bool Truncated, string? Last) Read<T>(
        RangeReader<T> read, Func<T, string> keyOf, Func<T, byte[]> sortKeyOf,
        string bucket, string prefix, string? delimiter, string? marker, Func<T, bool>? resumesAtMarker, int max)
    {
        var items = new List<T>();
        var prefixes = new List<string>();
        string? last = null;
        if (max <= 0) return (items, prefixes, false, null);

        var lo = SortKey.For(bucket, prefix);
        var hi = SortKey.PrefixEnd(lo);
        string? afterKey = null; // keys up to this one were returned already
        string? skipping = null; // a common prefix whose keys are passed over one by one (cut byte keys only)
        if (marker is not null && SortKey.Compare(marker, prefix) >= 0)
        {
            // A marker inside a common prefix already returned resumes after the whole prefix.
            var marked = CommonPrefix(marker, prefix, delimiter);
            if (marked is not null && SortKey.Exact(bucket, marked)) lo = SortKey.PrefixEnd(SortKey.For(bucket, marked));
            else
            {
                lo = SortKey.For(bucket, marker);
                afterKey = marker;
                skipping = marked;
            }
        }

        // Without a delimiter a page is one read; with one, each common prefix ends the read with a seek, so
        // reads start small and grow while they find plain keys.
        var batch = delimiter is null ? MaxBatch : FirstDelimiterBatch;
        while (true)
        {
            var (records, more) = read(lo, hi, Math.Min(batch, max - items.Count - prefixes.Count + 1));
            batch = Math.Min(batch * 2, MaxBatch);
            byte[]? seek = null;
            foreach (var item in records)
            {
                var key = keyOf(item);
                if (afterKey is not null)
                {
                    var c = SortKey.Compare(key, afterKey);
                    if (c < 0 || c == 0 && resumesAtMarker?.Invoke(item) != true) continue;
                }
                if (!key.StartsWith(prefix, StringComparison.Ordinal)) continue;
                if (skipping is not null && key.StartsWith(skipping, StringComparison.Ordinal)) continue;
                if (items.Count + prefixes.Count == max) return (items, prefixes, true, last);
                var common = CommonPrefix(key, prefix, delimiter);
                if (common is null)
                {
                    items.Add(item);
                    last = key;
                    continue;
                }
                prefixes.Add(common);
                last = common;
                if (SortKey.Exact(bucket, common))
                {
                    seek = SortKey.PrefixEnd(SortKey.For(bucket, common));
                    break;
                }
                skipping = common;
            }
            if (seek is not null)
            {
                lo = seek;
                batch = FirstDelimiterBatch;
                continue;
            }
            if (!more) return (items, prefixes, false, last);
            lo = SortKey.Next(sortKeyOf(records[^1]));
        }
    }

    /// <summary>The key's prefix up to and including the first delimiter after <paramref name="prefix"/>, or null.</summary>
    internal static string? CommonPrefix(string key, string prefix, string? delimiter)
    {
        if (string.IsNullOrEmpty(delimiter) || !key.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var idx = key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
        return idx < 0 ? null : key[..(idx + delimiter.Length)];
    }
}
