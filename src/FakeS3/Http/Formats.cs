using System.Globalization;

namespace FakeS3.Http;

/// <summary>Date formats S3 uses: ISO 8601 with milliseconds in XML, RFC 1123 in headers.</summary>
internal static class Formats
{
    public static string Iso8601(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Rfc1123(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("R", CultureInfo.InvariantCulture);

    public static bool TryParseHttpDate(string? value, out DateTimeOffset date) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date);
}
