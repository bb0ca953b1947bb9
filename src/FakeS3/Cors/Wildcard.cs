namespace FakeS3.Cors;

/// <summary>CORS patterns: at most one <c>*</c>, matching any run of characters; case-insensitive.</summary>
internal static class Wildcard
{
    /// <summary>S3 refuses such patterns in AllowedOrigin (see CorsConfiguration.Parse).</summary>
    public static bool HasSeveral(string pattern) => pattern.IndexOf('*') != pattern.LastIndexOf('*');

    public static bool Matches(string pattern, string value)
    {
        var star = pattern.IndexOf('*');
        if (star < 0) return pattern.Equals(value, StringComparison.OrdinalIgnoreCase);
        var prefix = pattern[..star];
        var suffix = pattern[(star + 1)..];
        return value.Length >= prefix.Length + suffix.Length
            && value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && value.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
    }
}
