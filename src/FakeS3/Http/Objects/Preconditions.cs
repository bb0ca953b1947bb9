using FakeS3.Errors;
using FakeS3.Storage;
using Microsoft.AspNetCore.Http;

namespace FakeS3.Http.Objects;

/// <summary>
/// If-Match / If-Unmodified-Since (412) and If-None-Match / If-Modified-Since (304) with S3's precedence
/// [DOC][REC spec §6.3]: a true If-Match overrides a false If-Unmodified-Since; a false If-None-Match
/// overrides a true If-Modified-Since. Dates compare at second resolution; a future If-Modified-Since is ignored.
/// </summary>
internal enum PreconditionResult { Proceed, NotModified }

internal static class Preconditions
{
    public static PreconditionResult Evaluate(IHeaderDictionary h, ObjectRecord obj, DateTimeOffset now, string prefix = "")
    {
        var lastModified = Truncate(obj.LastModified);
        var ifMatch = h[prefix + "If-Match"].ToString();
        var ifUnmodified = h[prefix + "If-Unmodified-Since"].ToString();
        var ifNoneMatch = h[prefix + "If-None-Match"].ToString();
        var ifModified = h[prefix + "If-Modified-Since"].ToString();
        var condition = prefix.Length == 0 ? "" : prefix;

        if (ifMatch.Length > 0)
        {
            if (!EtagMatches(ifMatch, obj.ETag)) throw new S3Exception(S3Errors.PreconditionFailed(condition + "If-Match"));
        }
        else if (ifUnmodified.Length > 0 && Formats.TryParseHttpDate(ifUnmodified, out var since) && lastModified > since)
        {
            throw new S3Exception(S3Errors.PreconditionFailed(condition + "If-Unmodified-Since"));
        }

        if (ifNoneMatch.Length > 0)
        {
            if (EtagMatches(ifNoneMatch, obj.ETag))
            {
                if (prefix.Length > 0) throw new S3Exception(S3Errors.PreconditionFailed(condition + "If-None-Match"));
                return PreconditionResult.NotModified;
            }
        }
        else if (ifModified.Length > 0 && Formats.TryParseHttpDate(ifModified, out var modSince) && modSince <= now && lastModified <= modSince)
        {
            if (prefix.Length > 0) throw new S3Exception(S3Errors.PreconditionFailed(condition + "If-Modified-Since"));
            return PreconditionResult.NotModified;
        }
        return PreconditionResult.Proceed;
    }

    /// <summary>ETags compare with or without quotes [REC etag-missing-quotes]; "*" matches any object.</summary>
    public static bool EtagMatches(string header, string etag)
    {
        var bare = etag.Trim('"');
        foreach (var candidate in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var c = candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate;
            if (c == "*" || c.Trim('"') == bare) return true;
        }
        return false;
    }

    static DateTimeOffset Truncate(DateTime utc)
    {
        var t = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        return t.AddTicks(-(t.Ticks % TimeSpan.TicksPerSecond));
    }
}
