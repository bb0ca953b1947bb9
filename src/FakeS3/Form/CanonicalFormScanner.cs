using System.Text;
using FakeS3.Policy;

namespace FakeS3.Form;

/// <summary>
/// The fast path of <see cref="MultipartFormReader"/> (issue 14: the general multipart reader was ~14% of a 4 KiB
/// POST's CPU). It reads the fields before the file part only when the form has the plain shape browsers and SDKs
/// send: no preamble, <c>--boundary</c> lines ending in CRLF, per part only <c>Content-Disposition: form-data;
/// name="…"[; filename="…"]</c> and <c>Content-Type: …</c> headers in printable ASCII with one space after the colon,
/// well within the pre-file byte budget. Anything else is <see cref="Outcome.Unusual"/>: the caller then parses the
/// same bytes with the general reader, so every refusal (and every odd-but-accepted form) keeps its old answer.
/// For a form of this shape both readers find the same fields, file name and file start: no quoting, escapes or
/// encoded words (<c>=?</c>) for the header parser to interpret, nothing for it to trim.
/// </summary>
internal static class CanonicalFormScanner
{
    public enum Outcome { NeedMore, Unusual, FileFound }

    static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    /// <summary>What a scan found; filled only with <see cref="Outcome.FileFound"/>.</summary>
    public sealed class Result
    {
        public List<PostField> Fields { get; } = [];
        public int FileStart { get; set; }
        public string? FileName { get; set; }
        public string? FileContentType { get; set; }
    }

    /// <summary>
    /// Scans <paramref name="data"/> (the body from its first byte) up to the start of the file content.
    /// <paramref name="delimiter"/> is <c>--boundary</c> in ASCII. NeedMore: well-formed so far, the file part's
    /// headers not yet complete.
    /// </summary>
    public static Outcome Scan(ReadOnlySpan<byte> data, ReadOnlySpan<byte> delimiter, Result result)
    {
        result.Fields.Clear();
        var opening = Expect(data, 0, delimiter);
        if (opening != Outcome.FileFound) return opening;
        var pos = delimiter.Length;
        if ((opening = Expect(data, pos, Crlf)) != Outcome.FileFound) return opening;
        pos += 2;
        long used = 0;
        while (true)
        {
            var headers = Headers(data, ref pos, out var disposition, out var contentType, out var headerBytes);
            if (headers != Outcome.FileFound) return headers;
            if (!Disposition(disposition!, out var name, out var fileName)) return Outcome.Unusual;
            if (name.Equals("file", StringComparison.OrdinalIgnoreCase))
            {
                result.FileStart = pos;
                result.FileName = fileName;
                result.FileContentType = contentType;
                return Outcome.FileFound;
            }
            // The general reader's accounting (MultipartFormReader.ReadGeneralAsync): over budget it refuses.
            used += delimiter.Length - 2 + 4 + headerBytes + 2;
            if (used > MultipartFormReader.MaxPreDataLength) return Outcome.Unusual;
            var rest = data[pos..];
            var end = IndexOfDelimiter(rest, delimiter);
            if (end < 0) return rest.Length > MultipartFormReader.MaxPreDataLength - used ? Outcome.Unusual : Outcome.NeedMore;
            if (end > MultipartFormReader.MaxPreDataLength - used) return Outcome.Unusual;
            var next = end + 2 + delimiter.Length;
            if (rest.Length < next + 2) return Outcome.NeedMore;
            if (!rest.Slice(next, 2).SequenceEqual(Crlf)) return Outcome.Unusual; // the final boundary, or odd: no file part here
            var bytes = rest[..end];
            // Not UTF-8: the general reader refuses it (MalformedPOSTRequest).
            if (!System.Text.Unicode.Utf8.IsValid(bytes)) return Outcome.Unusual;
            used += bytes.Length + 2;
            if (used > MultipartFormReader.MaxPreDataLength) return Outcome.Unusual;
            result.Fields.Add(new PostField(name, Encoding.UTF8.GetString(bytes)));
            pos += next + 2;
        }
    }

    /// <summary>FileFound when <paramref name="literal"/> is at <paramref name="pos"/>; NeedMore when data ends inside it.</summary>
    static Outcome Expect(ReadOnlySpan<byte> data, int pos, ReadOnlySpan<byte> literal)
    {
        var available = data[pos..];
        if (available.Length >= literal.Length) return available.StartsWith(literal) ? Outcome.FileFound : Outcome.Unusual;
        return literal.StartsWith(available) ? Outcome.NeedMore : Outcome.Unusual;
    }

    /// <summary>CRLF, then <paramref name="delimiter"/>: where the value before it ends, or -1.</summary>
    static int IndexOfDelimiter(ReadOnlySpan<byte> data, ReadOnlySpan<byte> delimiter)
    {
        var offset = 0;
        while (true)
        {
            var i = data[offset..].IndexOf(Crlf);
            if (i < 0) return -1;
            var at = offset + i;
            var after = data[(at + 2)..];
            if (after.StartsWith(delimiter)) return at;
            // Cut short by the end of data: perhaps the delimiter, but not known yet.
            if (after.Length < delimiter.Length && delimiter.StartsWith(after)) return -1;
            offset = at + 1;
        }
    }

    /// <summary>A part's header block up to and including its blank line: FileFound when complete and plain.</summary>
    static Outcome Headers(ReadOnlySpan<byte> data, ref int pos, out string? disposition, out string? contentType, out int headerBytes)
    {
        disposition = contentType = null;
        headerBytes = 0;
        var at = pos;
        while (true)
        {
            var rest = data[at..];
            var eol = rest.IndexOf(Crlf);
            if (eol < 0) return at - pos + rest.Length > MultipartFormReader.MaxPreDataLength ? Outcome.Unusual : Outcome.NeedMore;
            if (eol == 0)
            {
                if (disposition is null) return Outcome.Unusual;
                pos = at + 2;
                return Outcome.FileFound;
            }
            var line = rest[..eol];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || line.Length < colon + 3 || line[colon + 1] != (byte)' ') return Outcome.Unusual;
            var value = line[(colon + 2)..];
            // Printable ASCII with nothing for a Trim() to remove: the general reader sees the same text.
            if (value[0] == (byte)' ' || value[^1] == (byte)' ' || value.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) >= 0) return Outcome.Unusual;
            var name = line[..colon];
            if (System.Text.Ascii.EqualsIgnoreCase(name, "Content-Disposition"u8) && disposition is null) disposition = Encoding.ASCII.GetString(value);
            else if (System.Text.Ascii.EqualsIgnoreCase(name, "Content-Type"u8) && contentType is null) contentType = Encoding.ASCII.GetString(value);
            else return Outcome.Unusual;
            headerBytes += eol + 2;
            at += eol + 2;
        }
    }

    /// <summary><c>form-data; name="N"</c> or <c>form-data; name="N"; filename="F"</c>, N and F plain and not empty.</summary>
    static bool Disposition(string value, out string name, out string? fileName)
    {
        name = "";
        fileName = null;
        var text = value.AsSpan();
        if (!text.StartsWith("form-data; name=\"", StringComparison.Ordinal)) return false;
        text = text["form-data; name=\"".Length..];
        var close = text.IndexOf('"');
        if (close <= 0 || !Plain(text[..close])) return false;
        name = text[..close].ToString();
        text = text[(close + 1)..];
        if (text.IsEmpty) return true;
        if (!text.StartsWith("; filename=\"", StringComparison.Ordinal) || text[^1] != '"') return false;
        text = text["; filename=\"".Length..^1];
        if (text.IsEmpty || !Plain(text) || text.Contains('"')) return false;
        fileName = text.ToString();
        return true;
    }

    static bool Plain(ReadOnlySpan<char> parameter) => !parameter.Contains('\\') && !parameter.Contains("=?", StringComparison.Ordinal);
}
