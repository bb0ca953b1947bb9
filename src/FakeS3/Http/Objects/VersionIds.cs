using FakeS3.Errors;

namespace FakeS3.Http.Objects;

/// <summary>Buckets are never versioned: every object has the single version "null" [issue 7].</summary>
internal static class VersionIds
{
    public static void RequireNullOrAbsent(S3RequestContext ctx)
    {
        var v = Requested(ctx);
        if (v is not null && v != "null") throw new S3Exception(S3Errors.NoSuchVersion(ctx.Key, v));
    }

    /// <summary>The versionId query parameter (null when absent); an empty one is S3's 400 InvalidArgument.</summary>
    public static string? Requested(S3RequestContext ctx) =>
        ctx.Query["versionId"] is { } v && v.Length == 0 ? throw new S3Exception(S3Errors.EmptyVersionId()) : ctx.Query["versionId"];
}
