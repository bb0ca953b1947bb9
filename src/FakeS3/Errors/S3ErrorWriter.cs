using System.Text;
using FakeS3.Http;
using Microsoft.AspNetCore.Http;

namespace FakeS3.Errors;

/// <summary>
/// The only code that writes an S3 error response: status, request ids, XML body (none for HEAD).
/// Element order: Code, Message, details, RequestId, HostId (spec §4).
/// </summary>
internal static class S3ErrorWriter
{
    /// <param name="corsHeaders">Access-Control-* headers of a matching CORS rule (actual requests with an Origin).</param>
    public static async Task WriteAsync(HttpContext context, S3Error error, bool includeExplanationHeader = false,
        IReadOnlyList<(string Name, string Value)>? corsHeaders = null)
    {
        var response = context.Response;
        var ids = S3RequestIds.Of(context);
        response.Headers.Clear();
        response.StatusCode = error.Status;
        S3RequestIds.Apply(context, ids);
        foreach (var (name, value) in error.Headers) response.Headers[name] = value;
        foreach (var (name, value) in corsHeaders ?? []) response.Headers[name] = value;
        UnreadBody.CloseConnectionIfLeft(context);
        if (includeExplanationHeader && error.Explanation is { } explanation)
        {
            response.Headers["x-fakes3-explanation"] = HeaderSafe(explanation);
        }
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }
        var body = Encoding.UTF8.GetBytes(Render(error, ids));
        response.ContentType = "application/xml";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    public static string Render(S3Error error, S3RequestIds ids)
    {
        var sb = new StringBuilder(256);
        sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>");
        Element(sb, "Code", error.Code.ToString());
        Element(sb, "Message", error.Message);
        foreach (var (name, value) in error.Details) Element(sb, name, value);
        Element(sb, "RequestId", ids.RequestId);
        Element(sb, "HostId", ids.HostId);
        sb.Append("</Error>");
        return sb.ToString();
    }

    static void Element(StringBuilder sb, string name, string value)
    {
        sb.Append('<').Append(name).Append('>');
        Xml.Escape(sb, value);
        sb.Append("</").Append(name).Append('>');
    }

    static string HeaderSafe(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text) sb.Append(c is >= ' ' and <= '~' ? c : ' ');
        return sb.ToString();
    }
}
