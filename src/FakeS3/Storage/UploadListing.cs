namespace FakeS3.Storage;

/// <summary>
/// One page of ListMultipartUploads: uploads and common prefixes in key order; <see cref="LastReturned"/> is the
/// last key or common prefix on the page (NextKeyMarker when truncated).
/// </summary>
internal sealed record UploadListing(IReadOnlyList<ListedUpload> Uploads, IReadOnlyList<string> CommonPrefixes, bool IsTruncated, string? LastReturned)
{
    /// <summary>The last entry is an upload (not a common prefix): its id is NextUploadIdMarker.</summary>
    public ListedUpload? LastUpload => Uploads.Count > 0 && Uploads[^1].Key == LastReturned ? Uploads[^1] : null;
}
