using System.Text;

namespace FakeS3.Http;

/// <summary>
/// encoding-type=url in listings: percent-encode UTF-8 bytes except unreserved characters and '/'; space as '+'
/// (clients decode with unquote_plus / decodeURIComponent after '+' handling).
/// </summary>
internal static class UrlEncoding
{
    public static string Encode(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '.' or '_' or '~' or '/') sb.Append(c);
            else if (c == ' ') sb.Append('+');
            else sb.Append('%').Append(b.ToString("X2"));
        }
        return sb.ToString();
    }
}
