using System.Text;
using FakeS3.Errors;
using FakeS3.Storage;
using Microsoft.AspNetCore.Http;

namespace FakeS3.Http.Objects;

/// <summary>Object attributes from request headers (PUT, CopyObject with REPLACE, CreateMultipartUpload).</summary>
internal static class ObjectAttributes
{
    const int MaxKeyBytes = 1024;
    const int MaxUserMetadataBytes = 2048;

    static readonly string[] StorageClasses =
        ["STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE", "OUTPOSTS", "GLACIER_IR", "SNOW", "EXPRESS_ONEZONE"];

    public static void ValidateKey(string key)
    {
        var size = Encoding.UTF8.GetByteCount(key);
        if (size > MaxKeyBytes) throw new S3Exception(S3Errors.KeyTooLong(size));
    }

    public static ObjectRecord FromHeaders(S3RequestContext ctx)
    {
        ValidateKey(ctx.Key);
        var h = ctx.Request.Headers;
        var record = new ObjectRecord
        {
            Bucket = ctx.Bucket,
            Key = ctx.Key,
            ContentType = NonEmpty(h.ContentType) ?? "binary/octet-stream",
            ContentEncoding = FakeS3.Payload.ContentEncodings.WithoutAwsChunked(NonEmpty(h.ContentEncoding)),
            ContentDisposition = NonEmpty(h.ContentDisposition),
            ContentLanguage = NonEmpty(h.ContentLanguage),
            CacheControl = NonEmpty(h.CacheControl),
            Expires = NonEmpty(h.Expires),
            WebsiteRedirectLocation = NonEmpty(h["x-amz-website-redirect-location"]),
            StorageClass = StorageClass(NonEmpty(h["x-amz-storage-class"])),
            Acl = CannedAcl.FromHeader(NonEmpty(h["x-amz-acl"])),
            Metadata = UserMetadata(h),
            Tags = NonEmpty(h["x-amz-tagging"]) is { } tagging ? TagSet.ParseQueryForm(tagging) : new(StringComparer.Ordinal),
        };
        return record;
    }

    /// <summary>A new record for bucket/key carrying the source's content headers and user metadata.</summary>
    public static ObjectRecord CopyContentAttributes(ObjectRecord source, string bucket, string key) => new()
    {
        Bucket = bucket,
        Key = key,
        ContentType = source.ContentType,
        ContentEncoding = source.ContentEncoding,
        ContentDisposition = source.ContentDisposition,
        ContentLanguage = source.ContentLanguage,
        CacheControl = source.CacheControl,
        Expires = source.Expires,
        Metadata = new Dictionary<string, string>(source.Metadata, StringComparer.Ordinal),
    };

    public static string StorageClass(string? value)
    {
        if (value is null) return "STANDARD";
        return StorageClasses.Contains(value) ? value : throw new S3Exception(S3Errors.InvalidStorageClass(value));
    }

    /// <summary>x-amz-meta-* names are stored lower-case (S3 lower-cases them) [REC spec §6.4].</summary>
    public static Dictionary<string, string> UserMetadata(IHeaderDictionary headers)
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        var size = 0;
        foreach (var (name, value) in headers)
        {
            if (!name.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase)) continue;
            var key = name[11..].ToLowerInvariant();
            var v = value.ToString();
            meta[key] = v;
            size += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(v);
        }
        if (size > MaxUserMetadataBytes) throw new S3Exception(S3Errors.MetadataTooLarge(size));
        return meta;
    }

    static string? NonEmpty(Microsoft.Extensions.Primitives.StringValues v) => v.Count == 0 || string.IsNullOrEmpty(v[0]) ? null : v.ToString();
}
