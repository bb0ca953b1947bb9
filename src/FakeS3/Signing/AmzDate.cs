using System.Globalization;

namespace FakeS3.Signing;

/// <summary>ISO 8601 basic timestamps (yyyyMMddTHHmmssZ) and the HTTP Date header formats.</summary>
internal static class AmzDate
{
    public static bool TryParse(string? value, out DateTimeOffset time)
    {
        time = default;
        return value is { Length: 16 } && DateTimeOffset.TryParseExact(value, SigV4Constants.AmzDateFormat,
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }

    /// <summary>RFC 1123 (and its numeric-offset variants clients send, e.g. "-0000").</summary>
    public static bool TryParseHttpDate(string? value, out DateTimeOffset time)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(value)) return false;
        string[] formats = ["r", "ddd, dd MMM yyyy HH:mm:ss 'GMT'", "ddd, dd MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm:ss zzz",
            "ddd, dd MMM yyyy HH:mm:ss 'UTC'"];
        var v = value.Trim();
        if (v.EndsWith(" -0000", StringComparison.Ordinal) || v.EndsWith(" +0000", StringComparison.Ordinal)) v = v[..^6] + " +00:00";
        return DateTimeOffset.TryParseExact(v, formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }

    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString(SigV4Constants.AmzDateFormat, CultureInfo.InvariantCulture);
}
