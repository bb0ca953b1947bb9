using FakeS3.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FakeS3.Http;

/// <summary>
/// Bucket and key taken from the RAW request target (never the decoded, dot-segment-normalised Request.Path:
/// S3 does no path normalisation, spec §1.2–1.3) and the Host header (virtual-hosted style, spec §6.5).
/// </summary>
internal sealed record S3RequestTarget(string? Bucket, string? Key, bool VirtualHosted, string RawPath, string RawQuery)
{
    public static S3RequestTarget From(HttpContext context, string baseDomain)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw))
            raw = context.Request.PathBase.Add(context.Request.Path).ToUriComponent() + context.Request.QueryString.ToUriComponent();
        return Parse(raw, context.Request.Host.Value ?? "", baseDomain);
    }

    public static S3RequestTarget Parse(string rawTarget, string host, string baseDomain)
    {
        if (rawTarget.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || rawTarget.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            // absolute-form request target (proxies): keep only path and query
            var slash = rawTarget.IndexOf('/', rawTarget.IndexOf("//", StringComparison.Ordinal) + 2);
            rawTarget = slash < 0 ? "/" : rawTarget[slash..];
        }
        var q = rawTarget.IndexOf('?');
        var rawPath = q < 0 ? rawTarget : rawTarget[..q];
        var rawQuery = q < 0 ? "" : rawTarget[(q + 1)..];
        if (rawPath.Length == 0) rawPath = "/";
        var strict = PercentDecodeStrict(rawPath);
        var path = strict ?? PercentDecode(rawPath);
        var target = ParsePath(path, rawPath, rawQuery, host, baseDomain);
        return strict is null ? target with { PathIsUtf8 = false } : target;
    }

    static S3RequestTarget ParsePath(string path, string rawPath, string rawQuery, string host, string baseDomain)
    {
        var vhostBucket = VirtualHostBucket(host, baseDomain);
        if (vhostBucket is not null)
        {
            var key = path.Length > 1 ? path[1..] : null;
            return new S3RequestTarget(vhostBucket, key, true, rawPath, rawQuery);
        }
        // "/bucket/key": bucket and key cut straight from the path (one leading '/' skipped, as before).
        var start = path.StartsWith('/') ? 1 : 0;
        if (path.Length == start) return new S3RequestTarget(null, null, false, rawPath, rawQuery);
        var sep = path.IndexOf('/', start);
        if (sep < 0) return new S3RequestTarget(path[start..], null, false, rawPath, rawQuery);
        var objectKey = sep + 1 < path.Length ? path[(sep + 1)..] : null;
        return new S3RequestTarget(path[start..sep], objectKey, false, rawPath, rawQuery);
    }

    static string? VirtualHostBucket(string host, string baseDomain)
    {
        var name = host;
        if (name.StartsWith('['))
            return null; // IPv6 literal
        var colon = name.LastIndexOf(':');
        if (colon >= 0) name = name[..colon];
        var suffix = "." + baseDomain;
        if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            return name[..^suffix.Length];
        return null;
    }

    /// <summary>
    /// False when the percent-decoded path is not UTF-8 (e.g. <c>/bucket/%FF</c>): S3 answers 400 InvalidURI
    /// rather than store or read a key with those bytes replaced.
    /// </summary>
    public bool PathIsUtf8 { get; init; } = true;

    /// <summary>Percent-decodes once to UTF-8 ('+' stays literal: it is not a space in a path).</summary>
    public static string PercentDecode(string value) => value.IndexOf('%') < 0 ? value : UriEncoding.Decode(value);

    /// <summary><see cref="PercentDecode"/>, or null when the decoded bytes are not UTF-8.</summary>
    public static string? PercentDecodeStrict(string value) => value.IndexOf('%') < 0 ? value : UriEncoding.DecodeStrict(value);
}
