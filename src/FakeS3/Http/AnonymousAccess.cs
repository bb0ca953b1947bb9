namespace FakeS3.Http;

/// <summary>Which unsigned requests S3 would serve: reads of public-read objects and listings of public-read buckets.</summary>
internal static class AnonymousAccess
{
    public static bool IsAllowed(S3RequestContext ctx)
    {
        var bucket = ctx.Target.Bucket is null ? null : ctx.Store.GetBucket(ctx.Target.Bucket);
        switch (ctx.Operation)
        {
            case S3Operation.GetObject or S3Operation.HeadObject:
                if (bucket is null) return false;
                if (IsPublicRead(bucket.Acl)) return true;
                var obj = ctx.Store.GetObject(bucket.Id, ctx.Key);
                return obj is not null && IsPublicRead(obj.Acl);
            case S3Operation.ListObjects or S3Operation.ListObjectsV2 or S3Operation.HeadBucket:
                return bucket is not null && IsPublicRead(bucket.Acl);
            default:
                return false;
        }
    }

    static bool IsPublicRead(string acl) => acl is "public-read" or "public-read-write";
}
