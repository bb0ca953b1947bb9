namespace FakeS3.Storage;

/// <summary>
/// One page of keys in S3's UTF-8 binary order with delimiter grouping (ListObjects v1, v2 and
/// ListObjectVersions). Prefix, delimiter and markers are plain strings, never patterns. A page costs
/// O(page + log n): it seeks to the first key through the sort-key index, stops at the end of the prefix, and
/// skips a whole common prefix with one seek. Paging resumes after a key or common prefix by name, so
/// deletions between pages never skip or repeat a key.
/// </summary>
internal sealed record ObjectListing(IReadOnlyList<ListedObject> Contents, IReadOnlyList<string> CommonPrefixes, bool IsTruncated, string? LastReturned)
{
    /// <summary>Reads records with lo &lt;= SortKey &lt;= hi in order, at most about <c>limit</c>; More when it stopped at the limit.</summary>
    public delegate (List<ListedObject> Records, bool More) RangeReader(byte[] lo, byte[] hi, int limit);

    const int FirstDelimiterBatch = 8;
    const int MaxBatch = 1001;

    public static ObjectListing Page(RangeReader read, string bucket, string prefix, string? delimiter, string? after, int maxKeys)
    {
        var contents = new List<ListedObject>();
        var prefixes = new List<string>();
        string? last = null;
        if (maxKeys <= 0) return new ObjectListing(contents, prefixes, false, null);

        var lo = SortKey.For(bucket, prefix);
        var hi = SortKey.PrefixEnd(lo);
        string? afterKey = null; // keys up to this one were returned already
        string? skipping = null; // a common prefix whose keys are passed over one by one (cut byte keys only)
        if (after is not null && SortKey.Compare(after, prefix) >= 0)
        {
            // A marker inside a common prefix already returned resumes after the whole prefix.
            var marked = CommonPrefix(after, prefix, delimiter);
            if (marked is not null && SortKey.Exact(bucket, marked)) lo = SortKey.PrefixEnd(SortKey.For(bucket, marked));
            else
            {
                lo = SortKey.For(bucket, after);
                afterKey = after;
                skipping = marked;
            }
        }

        // Without a delimiter a page is one read; with one, each common prefix ends the read with a seek, so
        // reads start small and grow while they find plain keys.
        var batch = delimiter is null ? MaxBatch : FirstDelimiterBatch;
        while (true)
        {
            var (records, more) = read(lo, hi, Math.Min(batch, maxKeys - contents.Count - prefixes.Count + 1));
            batch = Math.Min(batch * 2, MaxBatch);
            byte[]? seek = null;
            foreach (var o in records)
            {
                if (afterKey is not null && SortKey.Compare(o.Key, afterKey) <= 0) continue;
                if (!o.Key.StartsWith(prefix, StringComparison.Ordinal)) continue;
                if (skipping is not null && o.Key.StartsWith(skipping, StringComparison.Ordinal)) continue;
                var common = CommonPrefix(o.Key, prefix, delimiter);
                if (contents.Count + prefixes.Count == maxKeys) return new ObjectListing(contents, prefixes, true, last);
                if (common is null)
                {
                    contents.Add(o);
                    last = o.Key;
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
            if (!more) return new ObjectListing(contents, prefixes, false, last);
            lo = SortKey.Next(records[^1].SortKey);
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
