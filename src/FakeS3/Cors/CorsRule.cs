namespace FakeS3.Cors;

/// <summary>One &lt;CORSRule&gt; of a bucket's CORS configuration.</summary>
internal sealed record CorsRule(
    IReadOnlyList<string> AllowedOrigins,
    IReadOnlyList<string> AllowedMethods,
    IReadOnlyList<string> AllowedHeaders,
    IReadOnlyList<string> ExposeHeaders,
    int? MaxAgeSeconds = null,
    string? Id = null)
{
    /// <summary>Methods are case-sensitive upper-case names (PutBucketCors rejects others).</summary>
    public bool AllowsMethod(string method) => AllowedMethods.Contains(method, StringComparer.Ordinal);

    /// <summary><c>*</c>, an exact origin, or one <c>*</c> inside (<c>http://*.example.com</c>) [DOC][REC].</summary>
    public bool AllowsOrigin(string origin) => AllowedOrigins.Any(pattern => Wildcard.Matches(pattern, origin));

    /// <summary>True when the matching origin pattern is the bare <c>*</c>: then S3 answers <c>*</c> without credentials.</summary>
    public bool OriginIsAny(string origin) =>
        !AllowedOrigins.Any(p => p != "*" && Wildcard.Matches(p, origin)) && AllowedOrigins.Contains("*");

    /// <summary>Every requested header must match an AllowedHeader, case-insensitively, <c>*</c> allowed [REC].</summary>
    public bool AllowsHeaders(IEnumerable<string> requestedHeaders) =>
        requestedHeaders.All(h => AllowedHeaders.Any(pattern => Wildcard.Matches(pattern, h)));
}
