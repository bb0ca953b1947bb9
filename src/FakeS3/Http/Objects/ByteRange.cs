using System.Globalization;
using FakeS3.Errors;

namespace FakeS3.Http.Objects;

/// <summary>
/// Single byte ranges only: bytes=a-b, bytes=a-, bytes=-n [DOC spec §6.1]. Unparseable or multi-range
/// headers are ignored (full 200); a start beyond the object is 416 InvalidRange.
/// </summary>
internal readonly record struct ByteRange(long Offset, long Length)
{
    public static ByteRange? Parse(string? header, long size)
    {
        if (string.IsNullOrWhiteSpace(header) || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase)) return null;
        var spec = header[6..].Trim();
        if (spec.Contains(',')) return null;
        var dash = spec.IndexOf('-');
        if (dash < 0) return null;
        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.Length == 0)
        {
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix)) return null;
            if (suffix == 0 || size == 0) throw new S3Exception(S3Errors.InvalidRange(size, header));
            var n = Math.Min(suffix, size);
            return new ByteRange(size - n, n);
        }
        if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var start)) return null;
        long end = size - 1;
        if (last.Length > 0)
        {
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out end) || end < start) return null;
        }
        if (start >= size) throw new S3Exception(S3Errors.InvalidRange(size, header));
        end = Math.Min(end, size - 1);
        return new ByteRange(start, end - start + 1);
    }
}
