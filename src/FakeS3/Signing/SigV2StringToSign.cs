using System.Text;

namespace FakeS3.Signing;

/// <summary>
/// SigV2: Method LF Content-MD5 LF Content-Type LF (Expires | Date | "") LF CanonicalizedAmzHeaders
/// CanonicalizedResource [DOC RESTAuthentication; botocore HmacV1Auth].
/// </summary>
internal static class SigV2StringToSign
{
    /// <summary>Sub-resources that are part of CanonicalizedResource (botocore HmacV1Auth.QSAOfInterest).</summary>
    static readonly HashSet<string> SubResources = new(StringComparer.Ordinal)
    {
        "accelerate", "acl", "analytics", "cors", "defaultObjectAcl", "delete", "inventory", "lifecycle", "location",
        "logging", "metrics", "notification", "object-lock", "partNumber", "policy", "replication", "requestPayment",
        "response-cache-control", "response-content-disposition", "response-content-encoding",
        "response-content-language", "response-content-type", "response-expires", "restore", "select",
        "select-type", "storageClass", "tagging", "torrent", "uploadId", "uploads", "versionId", "versioning",
        "versions", "website",
    };

    /// <summary>
    /// fromQuery: botocore's HmacV1QueryAuth signs Content-Type/Content-MD5/x-amz-* headers and then moves
    /// them into the query string, so for query auth a header missing from the request is taken from the
    /// query parameter of the same name (FakeS3 leniency [SDK], S3's handling UNCONFIRMED).
    /// </summary>
    /// <param name="bucketSlash">
    /// Path-style bucket requests (<c>/bucket</c>, no key): sign <c>/bucket/</c>. botocore's HmacV1Auth signs that
    /// resource for a request sent to <c>/bucket</c>, and S3 accepts it as well as the path as sent [SDK].
    /// </param>
    public static string Build(SignableRequest request, string dateOrExpires, bool fromQuery, bool bucketSlash = false)
    {
        var sb = new StringBuilder(256);
        sb.Append(request.Method).Append('\n');
        sb.Append(Value(request, "Content-MD5", fromQuery)).Append('\n');
        sb.Append(Value(request, "Content-Type", fromQuery)).Append('\n');
        sb.Append(dateOrExpires).Append('\n');
        AppendAmzHeaders(sb, request, fromQuery);
        AppendResource(sb, request, bucketSlash);
        return sb.ToString();
    }

    /// <summary>A path-style request that names only a bucket and has no trailing slash: <c>/bucket</c>.</summary>
    public static bool IsPathStyleBucketWithoutSlash(SignableRequest request) =>
        request.VirtualHostBucket is null && request.RawPath.Length > 1 && request.RawPath.IndexOf('/', 1) < 0;

    static string Value(SignableRequest request, string name, bool fromQuery) =>
        request.Header(name) ?? (fromQuery ? QueryValueIgnoreCase(request.Query, name) : null) ?? "";

    static string? QueryValueIgnoreCase(ParsedQuery query, string name)
    {
        foreach (var p in query.Parameters)
        {
            if (p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) return p.Value;
        }
        return null;
    }

    /// <summary>
    /// Lower-case x-amz-* names sorted, "name:value\n"; the values of a repeated header joined by ',' (each trimmed).
    /// A single value is never split: s3cmd's x-amz-date "Sun, 29 Nov 2026 ..." keeps its comma and space [DOC].
    /// </summary>
    static void AppendAmzHeaders(StringBuilder sb, SignableRequest request, bool fromQuery)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in request.HeaderNames)
        {
            if (!name.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase)) continue;
            var values = request.HeaderValues(name);
            headers[name.ToLowerInvariant()] = values.Count == 1 ? values[0]!.Trim() : string.Join(',', values.Select(v => v!.Trim()));
        }
        if (fromQuery)
        {
            foreach (var p in request.Query.Parameters)
            {
                var lower = p.Name.ToLowerInvariant();
                if (lower.StartsWith("x-amz-", StringComparison.Ordinal)) headers.TryAdd(lower, p.Value.Trim());
            }
        }
        foreach (var (name, value) in headers) sb.Append(name).Append(':').Append(value).Append('\n');
    }

    /// <summary>"/bucket" for virtual-hosted requests + the path as sent + "?sub&amp;sub=v" (sorted, decoded values).</summary>
    static void AppendResource(StringBuilder sb, SignableRequest request, bool bucketSlash)
    {
        if (request.VirtualHostBucket is { } bucket) sb.Append('/').Append(bucket);
        sb.Append(request.RawPath);
        if (bucketSlash) sb.Append('/');
        var selected = new List<(string Name, string Value, bool HasValue)>();
        foreach (var range in request.RawQuery.AsSpan().Split('&'))
        {
            var part = request.RawQuery.AsSpan(range);
            var eq = part.IndexOf('=');
            var name = (eq < 0 ? part : part[..eq]).ToString();
            if (!SubResources.Contains(name)) continue;
            selected.Add((name, eq < 0 ? "" : UriEncoding.Decode(part[(eq + 1)..]), eq >= 0));
        }
        if (selected.Count == 0) return;
        selected.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        for (var i = 0; i < selected.Count; i++)
        {
            sb.Append(i == 0 ? '?' : '&').Append(selected[i].Name);
            if (selected[i].HasValue) sb.Append('=').Append(selected[i].Value);
        }
    }
}
