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
        string[] formats = ["dd MMM yyyy HH:mm:ss 'GMT'", "dd MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm:ss zzz",
            "dd MMM yyyy HH:mm:ss 'UTC'", "d MMM yyyy HH:mm:ss 'GMT'"];
        var v = value.Trim();
        // The day name is not checked against the date: S3 answers "Tue, 07 Jul 2030 …" (a Sunday) with
        // RequestTimeTooSkewed, not an invalid-date AccessDenied [2ND ceph/s3-tests test_object_create_bad_date_*_aws2].
        var comma = v.IndexOf(',');
        if (comma is >= 3 and <= 9) v = v[(comma + 1)..].TrimStart();
        if (v.EndsWith(" -0000", StringComparison.Ordinal) || v.EndsWith(" +0000", StringComparison.Ordinal)) v = v[..^6] + " +00:00";
        // Dates before the epoch are not valid dates for S3 (AccessDenied, not RequestTimeTooSkewed) [2ND same suite].
        return DateTimeOffset.TryParseExact(v, formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time) && time.Year >= 1970;
    }

    /// <summary>
    /// time + seconds, held at the calendar's ends: a URL signed at 99991231T235959Z must be judged (not yet valid),
    /// not overflow into a 500.
    /// </summary>
    public static DateTimeOffset AddSecondsSaturating(DateTimeOffset time, long seconds)
    {
        var max = (DateTimeOffset.MaxValue - time).TotalSeconds;
        var min = (DateTimeOffset.MinValue - time).TotalSeconds;
        return seconds >= max ? DateTimeOffset.MaxValue : seconds <= min ? DateTimeOffset.MinValue : time.AddSeconds(seconds);
    }

    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString(SigV4Constants.AmzDateFormat, CultureInfo.InvariantCulture);
}
