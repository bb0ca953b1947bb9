using System.Globalization;
using System.Text;
using FakeS3.Storage;
using Microsoft.AspNetCore.Http;

namespace FakeS3.Http.Objects;

/// <summary>Object headers for GET and HEAD: ETag, Last-Modified, stored content headers, x-amz-meta-*.</summary>
internal static class ObjectResponseWriter
{
    public static void WriteHeaders(HttpResponse response, ObjectRecord obj, bool checksumMode)
    {
        var h = response.Headers;
        h.ETag = obj.ETag;
        h.LastModified = Formats.Rfc1123(obj.LastModified);
        h.AcceptRanges = "bytes";
        h.ContentType = obj.ContentType;
        if (obj.ContentEncoding is not null) h.ContentEncoding = obj.ContentEncoding;
        if (obj.ContentDisposition is not null) h.ContentDisposition = obj.ContentDisposition;
        if (obj.ContentLanguage is not null) h.ContentLanguage = obj.ContentLanguage;
        if (obj.CacheControl is not null) h.CacheControl = obj.CacheControl;
        if (obj.Expires is not null) h.Expires = obj.Expires;
        if (obj.WebsiteRedirectLocation is not null) h["x-amz-website-redirect-location"] = obj.WebsiteRedirectLocation;
        if (obj.StorageClass != "STANDARD") h["x-amz-storage-class"] = obj.StorageClass;
        // S3 encrypts every object at rest by default and says so [REC spec §6.4].
        h["x-amz-server-side-encryption"] = "AES256";
        if (obj.Tags.Count > 0) h["x-amz-tagging-count"] = obj.Tags.Count.ToString(CultureInfo.InvariantCulture);
        if (obj.PartsCount is { } parts) h["x-amz-mp-parts-count"] = parts.ToString(CultureInfo.InvariantCulture);
        foreach (var (name, value) in obj.Metadata) h["x-amz-meta-" + name] = MetadataValue(value);
        if (checksumMode && obj.ChecksumAlgorithm is not null && obj.ChecksumValue is not null)
        {
            h["x-amz-checksum-" + obj.ChecksumAlgorithm.ToLowerInvariant()] = obj.ChecksumValue;
            h["x-amz-checksum-type"] = obj.ChecksumType ?? "FULL_OBJECT";
        }
    }

    /// <summary>Non-ASCII metadata comes back RFC 2047-encoded [REC spec §6.4].</summary>
    public static string MetadataValue(string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~') return "=?UTF-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) + "?=";
        }
        return value;
    }
}
