namespace FakeS3.Storage;

/// <summary>
/// One page of keys (ListObjects v1, v2 and ListObjectVersions), read by <see cref="KeyPage"/>: S3's UTF-8 binary
/// order, delimiter grouping, O(page + log n).
/// </summary>
internal sealed record ObjectListing(IReadOnlyList<ListedObject> Contents, IReadOnlyList<string> CommonPrefixes, bool IsTruncated, string? LastReturned)
{
    public static ObjectListing Page(KeyPage.RangeReader<ListedObject> read, string bucket, string prefix, string? delimiter, string? after, int maxKeys)
    {
        var (contents, prefixes, truncated, last) = KeyPage.Read(read, static o => o.Key, static o => o.SortKey,
            bucket, prefix, delimiter, after, resumesAtMarker: null, maxKeys);
        return new ObjectListing(contents, prefixes, truncated, last);
    }
}
