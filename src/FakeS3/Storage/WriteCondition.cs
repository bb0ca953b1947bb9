namespace FakeS3.Storage;

/// <summary>
/// A conditional write (PutObject <c>If-None-Match: *</c> / <c>If-Match: "etag"</c>), evaluated against the
/// committed version inside the commit, under the key's lock: two racing conditional writers cannot both win.
/// </summary>
internal sealed record WriteCondition(bool MustNotExist, string? MustMatchETag)
{
    /// <summary>Ok, or why the write must not happen: PreconditionFailed, or NoSuchKey for If-Match on a missing key.</summary>
    public StoreStatus Check(ObjectRecord? current)
    {
        if (MustNotExist && current is not null) return StoreStatus.PreconditionFailed;
        if (MustMatchETag is null) return StoreStatus.Ok;
        if (current is null) return StoreStatus.NoSuchKey;
        // ETags compare with or without quotes, as for GET's If-Match [REC etag-missing-quotes].
        return current.ETag.Trim('"') == MustMatchETag.Trim().Trim('"') ? StoreStatus.Ok : StoreStatus.PreconditionFailed;
    }
}
