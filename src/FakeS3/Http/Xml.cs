using System.Globalization;
using System.Text;

namespace FakeS3.Http;

/// <summary>
/// XML text escaping: the one place every response writer (errors, listings, results) escapes text. Text nodes
/// only: quotes stay literal, as S3 prints them in messages such as Policy Condition failed: ["starts-with",
/// "$key", "mytest/"] [REC]. CR is written &amp;#13; and the other control characters &amp;#xN; (TAB and LF stay
/// literal), as S3 writes them in keys and echoed values (issue 12): a raw control character would make the
/// whole answer unreadable to XML parsers.
/// </summary>
internal static class Xml
{
    public static void Escape(StringBuilder sb, string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '\r': sb.Append("&#13;"); break;
                case '\t' or '\n': sb.Append(c); break;
                case < ' ' or '\x7f' or '\uFFFE' or '\uFFFF':
                    sb.Append("&#x").Append(((int)c).ToString("X", CultureInfo.InvariantCulture)).Append(';');
                    break;
                default: sb.Append(c); break;
            }
        }
    }

    public static string Escape(string value)
    {
        var sb = new StringBuilder(value.Length + 8);
        Escape(sb, value);
        return sb.ToString();
    }
}
