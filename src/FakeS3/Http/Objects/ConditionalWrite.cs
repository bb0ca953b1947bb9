using FakeS3.Errors;
using FakeS3.Storage;

namespace FakeS3.Http.Objects;

/// <summary>
/// Conditional writes of PutObject and CompleteMultipartUpload [DOC conditional-requests]: <c>If-None-Match: *</c> stores only if the key does
/// not exist, <c>If-Match: "etag"</c> only if the current version has that ETag (404 NoSuchKey when there is none);
/// otherwise 412 PreconditionFailed with the header as Condition. Checked at the commit, under the key's lock.
/// </summary>
internal static class ConditionalWrite
{
    const string IfNoneMatch = "If-None-Match";
    const string IfMatch = "If-Match";
    const string OnlyStar = "We don't accept the provided value of If-None-Match header for this API";

    /// <summary>The request's condition, or null; unsupported forms are 501 before the body is read [2ND LocalStack].</summary>
    public static WriteCondition? FromHeaders(S3RequestContext ctx)
    {
        var noneMatch = ctx.Header(IfNoneMatch);
        var match = ctx.Header(IfMatch);
        if (string.IsNullOrEmpty(noneMatch) && string.IsNullOrEmpty(match)) return null;
        if (!string.IsNullOrEmpty(noneMatch) && !string.IsNullOrEmpty(match))
            throw new S3Exception(S3Errors.ConditionalWriteNotImplemented("If-Match,If-None-Match", "Multiple conditional request headers present in the request"));
        if (!string.IsNullOrEmpty(noneMatch))
        {
            if (noneMatch.Trim() != "*") throw new S3Exception(S3Errors.ConditionalWriteNotImplemented(IfNoneMatch, OnlyStar));
            return new WriteCondition(MustNotExist: true, MustMatchETag: null);
        }
        // S3 names If-None-Match here too [2ND LocalStack].
        if (match!.Trim() == "*") throw new S3Exception(S3Errors.ConditionalWriteNotImplemented(IfNoneMatch, OnlyStar));
        return new WriteCondition(MustNotExist: false, MustMatchETag: match);
    }

    /// <summary>Throws the S3 error for a refused conditional commit; other statuses as usual.</summary>
    public static void ThrowFor(StoreStatus status, WriteCondition? condition, S3RequestContext ctx)
    {
        if (status == StoreStatus.PreconditionFailed)
            throw new S3Exception(S3Errors.PreconditionFailed(condition!.MustNotExist ? IfNoneMatch : IfMatch));
        S3RequestContext.ThrowFor(status, ctx.Bucket, ctx.Key);
    }
}
