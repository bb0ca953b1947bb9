using FakeS3.Errors;

namespace FakeS3.Http.Objects;

/// <summary>Buckets are never versioned: every object has the single version "null" [issue 7].</summary>
internal static class VersionIds
{
    public static void RequireNullOrAbsent(S3RequestContext ctx)
    {
        var v = ctx.Query["versionId"];
        if (v is not null && v != "null") throw new S3Exception(S3Errors.NoSuchVersion(ctx.Key, v));
    }
}
