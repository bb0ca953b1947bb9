using System.Text;

namespace FakeS3.Http;

/// <summary>
/// XML text escaping shared by the error writer and the response writers. Text nodes only: quotes stay literal,
/// as S3 prints them in messages such as Policy Condition failed: ["starts-with", "$key", "mytest/"] [REC].
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
