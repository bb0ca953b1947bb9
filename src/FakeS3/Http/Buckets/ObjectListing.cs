using FakeS3.Storage;

namespace FakeS3.Http.Buckets;

/// <summary>
/// One page of keys in binary order with delimiter grouping (shared by ListObjects v1, v2 and
/// ListObjectVersions). Paging resumes after a key or common prefix by name, so deletions between pages
/// never skip or repeat a key.
/// </summary>
internal sealed record ObjectListing(IReadOnlyList<ObjectRecord> Contents, IReadOnlyList<string> CommonPrefixes, bool IsTruncated, string? LastReturned)
{
    public static ObjectListing Page(IObjectStore store, string bucket, string prefix, string? delimiter, string? after, int maxKeys)
    {
        var contents = new List<ObjectRecord>();
        var prefixes = new List<string>();
        string? last = null;
        var truncated = false;
        if (maxKeys <= 0) return new ObjectListing(contents, prefixes, false, null);
        // A marker inside a common prefix already returned resumes after the whole prefix.
        foreach (var o in store.Enumerate(bucket, prefix, after))
        {
            string? commonPrefix = null;
            if (!string.IsNullOrEmpty(delimiter))
            {
                var idx = o.Key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
                if (idx >= 0) commonPrefix = o.Key[..(idx + delimiter.Length)];
            }
            if (commonPrefix is not null && (commonPrefix == last || after is not null && after.StartsWith(commonPrefix, StringComparison.Ordinal)))
                continue;
            if (contents.Count + prefixes.Count == maxKeys)
            {
                truncated = true;
                break;
            }
            if (commonPrefix is not null)
            {
                prefixes.Add(commonPrefix);
                last = commonPrefix;
            }
            else
            {
                contents.Add(o);
                last = o.Key;
            }
        }
        return new ObjectListing(contents, prefixes, truncated, last);
    }
}
