using FakeS3.Errors;
using FakeS3.Storage;

namespace FakeS3.Http.Objects;

/// <summary>x-amz-copy-source: "[/]bucket/key[?versionId=null]", URL-encoded.</summary>
internal static class CopySource
{
    public static ObjectRecord Resolve(S3RequestContext ctx)
    {
        var raw = ctx.Header("x-amz-copy-source") ?? throw new S3Exception(S3Errors.InvalidCopySource());
        var q = raw.IndexOf('?');
        var version = q < 0 ? null : S3Query.Parse(raw[(q + 1)..])["versionId"];
        var path = (S3RequestTarget.PercentDecodeStrict(q < 0 ? raw : raw[..q])
            ?? throw new S3Exception(S3Errors.InvalidCopySourceEncoding())).TrimStart('/');
        var slash = path.IndexOf('/');
        if (slash <= 0 || slash == path.Length - 1) throw new S3Exception(S3Errors.InvalidCopySource());
        var bucket = path[..slash];
        var key = path[(slash + 1)..];
        if (ctx.Store.GetBucket(bucket) is null) throw new S3Exception(S3Errors.NoSuchBucket(bucket));
        var obj = ctx.Store.GetObject(bucket, key) ?? throw new S3Exception(S3Errors.NoSuchKey(key));
        if (version is not null && version != "null") throw new S3Exception(S3Errors.NoSuchVersion(key, version));
        return obj;
    }
}
