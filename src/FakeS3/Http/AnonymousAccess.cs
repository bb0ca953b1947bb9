using FakeS3.Errors;

namespace FakeS3.Http;

/// <summary>
/// What S3 serves to an unsigned request under canned ACLs (FakeS3 has no bucket policies):
/// - a bucket that does not exist: 404 NoSuchBucket, whatever the operation (S3 reveals bucket existence);
/// - bucket READ (public-read, public-read-write) grants listing only (ListObjects/V2, ListObjectVersions,
///   ListMultipartUploads, HeadBucket); it also lets S3 answer NoSuchKey instead of AccessDenied for a
///   missing key, because the requester may list;
/// - object reads follow the object's own ACL: a private object in a public-read bucket is 403;
/// - bucket WRITE (public-read-write) lets anyone PUT objects and parts into the bucket (POST forms are
///   checked by the POST endpoint).
/// Sources: the canned ACL table of the S3 ACL overview (bucket READ = list objects; WRITE = create objects).
/// </summary>
internal static class AnonymousAccess
{
    public static void Ensure(S3RequestContext ctx)
    {
        if (ctx.Operation is S3Operation.ListBuckets or S3Operation.CreateBucket || ctx.Target.Bucket is null) throw Denied();
        var bucket = ctx.Store.GetBucket(ctx.Target.Bucket) ?? throw new S3Exception(S3Errors.NoSuchBucket(ctx.Target.Bucket)
            .WithExplanation("The bucket does not exist (S3 says so to anonymous requests too)."));
        var allowed = ctx.Operation switch
        {
            S3Operation.GetObject or S3Operation.HeadObject => ctx.Store.GetObject(bucket.Id, ctx.Key) is { } obj
                ? IsPublicRead(obj.Acl)
                : IsPublicRead(bucket.Acl), // the requester may list, so it may learn the key is missing
            S3Operation.ListObjects or S3Operation.ListObjectsV2 or S3Operation.ListObjectVersions
                or S3Operation.ListMultipartUploads or S3Operation.HeadBucket => IsPublicRead(bucket.Acl),
            S3Operation.PutObject or S3Operation.CreateMultipartUpload or S3Operation.UploadPart
                or S3Operation.CompleteMultipartUpload or S3Operation.AbortMultipartUpload => bucket.Acl == "public-read-write",
            _ => false,
        };
        if (!allowed) throw Denied();
    }

    static S3Exception Denied() => new(S3Errors.AccessDenied().WithExplanation(
        "The request carries no signature (no Authorization header, no X-Amz-Signature or Signature query parameter) and neither the object's nor the bucket's canned ACL grants this to anonymous users: a public-read bucket only lets them list; objects need their own public-read ACL."));

    static bool IsPublicRead(string acl) => acl is "public-read" or "public-read-write";
}
