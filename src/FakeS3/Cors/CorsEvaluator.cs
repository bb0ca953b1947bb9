using FakeS3.Errors;

namespace FakeS3.Cors;

/// <summary>S3's CORS evaluation (spec §7, [REC] from LocalStack's validated snapshots unless noted).</summary>
internal static class CorsEvaluator
{
    const string Vary = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";

    /// <param name="configuration">the bucket's rules; null when CORS is not configured</param>
    /// <param name="isObject">true for an object URL (ResourceType OBJECT), false for the bucket root</param>
    public static CorsResult Preflight(bool bucketExists, CorsConfiguration? configuration, string? origin,
        string? requestMethod, string? requestHeaders, bool isObject)
    {
        if (string.IsNullOrEmpty(origin)) return CorsResult.Fail(S3Errors.CorsOriginMissing());
        // Without Access-Control-Request-Method the method reported (and matched) is OPTIONS itself.
        var method = string.IsNullOrEmpty(requestMethod) ? "OPTIONS" : requestMethod;
        if (!bucketExists) return CorsResult.Fail(S3Errors.CorsBucketNotFound(method));
        if (configuration is null) return CorsResult.Fail(S3Errors.CorsNotEnabled(method));

        var headers = SplitHeaders(requestHeaders);
        var rule = configuration.Rules.FirstOrDefault(r => r.AllowsMethod(method) && r.AllowsOrigin(origin) && r.AllowsHeaders(headers));
        if (rule is null)
        {
            return CorsResult.Fail(S3Errors.CorsNotAllowed(method, isObject ? "OBJECT" : "BUCKET")
                .WithExplanation(NoRuleMatched(configuration, origin, method, headers)));
        }
        return new CorsResult(null, Headers(rule, origin, headers));
    }

    /// <summary>
    /// A GET/PUT/POST/... carrying Origin: the matching rule's headers, or none. The request itself is served
    /// either way; without Origin there are never CORS headers.
    /// </summary>
    public static IReadOnlyList<(string Name, string Value)> Actual(CorsConfiguration? configuration, string? origin, string method)
    {
        if (string.IsNullOrEmpty(origin) || configuration is null) return [];
        var rule = configuration.Rules.FirstOrDefault(r => r.AllowsMethod(method) && r.AllowsOrigin(origin));
        return rule is null ? [] : Headers(rule, origin, null);
    }

    static List<(string, string)> Headers(CorsRule rule, string origin, List<string>? requestedHeaders)
    {
        var headers = new List<(string, string)>();
        if (rule.OriginIsAny(origin))
        {
            headers.Add(("Access-Control-Allow-Origin", "*"));
        }
        else
        {
            headers.Add(("Access-Control-Allow-Origin", origin));
            headers.Add(("Access-Control-Allow-Credentials", "true"));
        }
        headers.Add(("Access-Control-Allow-Methods", string.Join(", ", rule.AllowedMethods)));
        if (requestedHeaders is { Count: > 0 })
        {
            headers.Add(("Access-Control-Allow-Headers", string.Join(", ", requestedHeaders.Select(h => h.ToLowerInvariant()))));
        }
        if (rule.ExposeHeaders.Count > 0) headers.Add(("Access-Control-Expose-Headers", string.Join(", ", rule.ExposeHeaders)));
        if (rule.MaxAgeSeconds is { } maxAge) headers.Add(("Access-Control-Max-Age", maxAge.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        headers.Add(("Vary", Vary));
        return headers;
    }

    /// <summary>What was compared: the preflight's origin, method and headers, and why each rule refused them.</summary>
    static string NoRuleMatched(CorsConfiguration configuration, string origin, string method, List<string> headers)
    {
        var sb = new System.Text.StringBuilder($"Preflight from origin '{origin}', method '{method}', headers '{string.Join(", ", headers)}' matched no CORS rule.");
        for (var i = 0; i < configuration.Rules.Count; i++)
        {
            var r = configuration.Rules[i];
            var reasons = new List<string>();
            if (!r.AllowsOrigin(origin)) reasons.Add($"origin not in [{string.Join(", ", r.AllowedOrigins)}]");
            if (!r.AllowsMethod(method)) reasons.Add($"method not in [{string.Join(", ", r.AllowedMethods)}]");
            var refused = headers.Where(h => !r.AllowsHeaders([h])).ToList();
            if (refused.Count > 0) reasons.Add($"header(s) {string.Join(", ", refused)} not in AllowedHeaders [{string.Join(", ", r.AllowedHeaders)}]");
            sb.Append($" Rule {i + 1}: {string.Join("; ", reasons)}.");
        }
        return sb.ToString();
    }

    static List<string> SplitHeaders(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : [.. value.Split(',').Select(h => h.Trim()).Where(h => h.Length > 0)];
}
