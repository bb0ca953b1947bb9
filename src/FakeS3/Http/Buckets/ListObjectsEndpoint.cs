using System.Globalization;
using System.Text;
using FakeS3.Errors;
using FakeS3.Storage;

namespace FakeS3.Http.Buckets;

/// <summary>ListObjects (v1), ListObjectsV2 and ListObjectVersions (unversioned buckets: one "null" version per key).</summary>
internal sealed class ListObjectsEndpoint : IS3Endpoint
{
    public IEnumerable<(S3Operation, Func<S3RequestContext, Task>)> Operations =>
    [
        (S3Operation.ListObjects, ListV1),
        (S3Operation.ListObjectsV2, ListV2),
        (S3Operation.ListObjectVersions, ListVersions),
    ];

    sealed record Args(string Prefix, string? Delimiter, int MaxKeys, bool UrlEncode);

    static Args Common(S3RequestContext ctx)
    {
        ctx.RequireBucket();
        var maxKeys = 1000;
        if (ctx.Query["max-keys"] is { } mk)
        {
            if (!int.TryParse(mk, NumberStyles.None, CultureInfo.InvariantCulture, out maxKeys))
                throw new S3Exception(S3Errors.InvalidArgument("Provided max-keys not an integer or within integer range", "max-keys", mk));
            maxKeys = Math.Min(maxKeys, 1000);
        }
        var delimiter = ctx.Query["delimiter"];
        return new Args(ctx.Query["prefix"] ?? "", string.IsNullOrEmpty(delimiter) ? null : delimiter, maxKeys, UrlEncodingRequested(ctx));
    }

    /// <summary>encoding-type=url (also ListMultipartUploads); any other value is InvalidArgument.</summary>
    internal static bool UrlEncodingRequested(S3RequestContext ctx)
    {
        var encoding = ctx.Query["encoding-type"];
        if (encoding is not null && encoding != "url")
            throw new S3Exception(S3Errors.InvalidArgument("Invalid Encoding Method specified in Request", "encoding-type", encoding));
        return encoding == "url";
    }

    static Task ListV1(S3RequestContext ctx)
    {
        var a = Common(ctx);
        var marker = ctx.Query["marker"];
        var page = ctx.Store.List(ctx.Bucket, a.Prefix, a.Delimiter, string.IsNullOrEmpty(marker) ? null : marker, a.MaxKeys);
        var sb = new StringBuilder($"<ListBucketResult xmlns=\"{S3Responses.Namespace}\">");
        El(sb, "Name", ctx.Bucket, false);
        El(sb, "Prefix", a.Prefix, a.UrlEncode);
        El(sb, "Marker", marker ?? "", a.UrlEncode);
        // S3 returns NextMarker only when a delimiter was given.
        if (page.IsTruncated && a.Delimiter is not null) El(sb, "NextMarker", page.LastReturned!, a.UrlEncode);
        El(sb, "MaxKeys", a.MaxKeys.ToString(CultureInfo.InvariantCulture), false);
        if (a.Delimiter is not null) El(sb, "Delimiter", a.Delimiter, a.UrlEncode);
        if (a.UrlEncode) El(sb, "EncodingType", "url", false);
        El(sb, "IsTruncated", page.IsTruncated ? "true" : "false", false);
        Contents(sb, page, a.UrlEncode, owner: true);
        sb.Append("</ListBucketResult>");
        return S3Responses.XmlAsync(ctx, sb);
    }

    static Task ListV2(S3RequestContext ctx)
    {
        var a = Common(ctx);
        var token = ctx.Query["continuation-token"];
        var startAfter = ctx.Query["start-after"];
        string? after = string.IsNullOrEmpty(startAfter) ? null : startAfter;
        // An empty continuation-token is no token; S3 still echoes it as an empty element (issue 12).
        if (!string.IsNullOrEmpty(token))
        {
            after = ContinuationToken.Decode(token)
                ?? throw new S3Exception(S3Errors.InvalidArgument("The continuation token provided is incorrect", "continuation-token", token));
        }
        var page = ctx.Store.List(ctx.Bucket, a.Prefix, a.Delimiter, after, a.MaxKeys);
        var sb = new StringBuilder($"<ListBucketResult xmlns=\"{S3Responses.Namespace}\">");
        El(sb, "Name", ctx.Bucket, false);
        El(sb, "Prefix", a.Prefix, a.UrlEncode);
        if (token is not null) El(sb, "ContinuationToken", token, false);
        if (page.IsTruncated) El(sb, "NextContinuationToken", ContinuationToken.Encode(page.LastReturned!), false);
        if (!string.IsNullOrEmpty(startAfter)) El(sb, "StartAfter", startAfter, a.UrlEncode);
        El(sb, "KeyCount", (page.Contents.Count + page.CommonPrefixes.Count).ToString(CultureInfo.InvariantCulture), false);
        El(sb, "MaxKeys", a.MaxKeys.ToString(CultureInfo.InvariantCulture), false);
        if (a.Delimiter is not null) El(sb, "Delimiter", a.Delimiter, a.UrlEncode);
        if (a.UrlEncode) El(sb, "EncodingType", "url", false);
        El(sb, "IsTruncated", page.IsTruncated ? "true" : "false", false);
        Contents(sb, page, a.UrlEncode, owner: ctx.Query["fetch-owner"] == "true");
        sb.Append("</ListBucketResult>");
        return S3Responses.XmlAsync(ctx, sb);
    }

    static Task ListVersions(S3RequestContext ctx)
    {
        var a = Common(ctx);
        var keyMarker = ctx.Query["key-marker"];
        var versionMarker = ctx.Query["version-id-marker"];
        var page = ctx.Store.List(ctx.Bucket, a.Prefix, a.Delimiter, string.IsNullOrEmpty(keyMarker) ? null : keyMarker, a.MaxKeys);
        var sb = new StringBuilder($"<ListVersionsResult xmlns=\"{S3Responses.Namespace}\">");
        El(sb, "Name", ctx.Bucket, false);
        El(sb, "Prefix", a.Prefix, a.UrlEncode);
        El(sb, "KeyMarker", keyMarker ?? "", a.UrlEncode);
        El(sb, "VersionIdMarker", versionMarker ?? "", false);
        if (page.IsTruncated)
        {
            El(sb, "NextKeyMarker", page.LastReturned!, a.UrlEncode);
            El(sb, "NextVersionIdMarker", "null", false);
        }
        El(sb, "MaxKeys", a.MaxKeys.ToString(CultureInfo.InvariantCulture), false);
        if (a.Delimiter is not null) El(sb, "Delimiter", a.Delimiter, a.UrlEncode);
        if (a.UrlEncode) El(sb, "EncodingType", "url", false);
        El(sb, "IsTruncated", page.IsTruncated ? "true" : "false", false);
        foreach (var o in page.Contents)
        {
            sb.Append("<Version>");
            El(sb, "Key", o.Key, a.UrlEncode);
            El(sb, "VersionId", "null", false);
            El(sb, "IsLatest", "true", false);
            ObjectFields(sb, o);
            OwnerElement(sb);
            sb.Append("</Version>");
        }
        CommonPrefixes(sb, page, a.UrlEncode);
        sb.Append("</ListVersionsResult>");
        return S3Responses.XmlAsync(ctx, sb);
    }

    static void Contents(StringBuilder sb, ObjectListing page, bool urlEncode, bool owner)
    {
        foreach (var o in page.Contents)
        {
            sb.Append("<Contents>");
            El(sb, "Key", o.Key, urlEncode);
            ObjectFields(sb, o);
            if (owner) OwnerElement(sb);
            sb.Append("</Contents>");
        }
        CommonPrefixes(sb, page, urlEncode);
    }

    static void ObjectFields(StringBuilder sb, ListedObject o)
    {
        El(sb, "LastModified", Formats.Iso8601(o.LastModified), false);
        El(sb, "ETag", o.ETag, false);
        if (o.ChecksumAlgorithm is not null)
        {
            El(sb, "ChecksumAlgorithm", o.ChecksumAlgorithm, false);
            El(sb, "ChecksumType", o.ChecksumType ?? "FULL_OBJECT", false);
        }
        El(sb, "Size", o.Size.ToString(CultureInfo.InvariantCulture), false);
        El(sb, "StorageClass", o.StorageClass, false);
    }

    static void CommonPrefixes(StringBuilder sb, ObjectListing page, bool urlEncode) => CommonPrefixes(sb, page.CommonPrefixes, urlEncode);

    internal static void CommonPrefixes(StringBuilder sb, IEnumerable<string> prefixes, bool urlEncode)
    {
        foreach (var p in prefixes)
        {
            sb.Append("<CommonPrefixes>");
            El(sb, "Prefix", p, urlEncode);
            sb.Append("</CommonPrefixes>");
        }
    }

    static void OwnerElement(StringBuilder sb) =>
        sb.Append($"<Owner><ID>{Owner.Id}</ID><DisplayName>{Owner.DisplayName}</DisplayName></Owner>");

    internal static void El(StringBuilder sb, string name, string value, bool urlEncode)
    {
        sb.Append('<').Append(name).Append('>');
        Xml.Escape(sb, urlEncode ? UrlEncoding.Encode(value) : value);
        sb.Append("</").Append(name).Append('>');
    }
}
