using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FakeS3.Http;

/// <summary>
/// An answer given before the request body was read must not leave the body on a keep-alive connection.
/// A client that sent <c>Expect: 100-continue</c> (boto3's PutObject and UploadPart) sends no body after a final
/// answer, and Kestrel would then drain the next request's bytes as this body; a body left half-read is cut
/// mid-stream. Both answers close the connection (<c>Connection: close</c>). A body the client sends
/// unasked is drained by Kestrel and the connection stays usable.
/// </summary>
internal static class UnreadBody
{
    public static void CloseConnectionIfLeft(HttpContext http)
    {
        var request = http.Request;
        if (request.ContentLength is 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count == 0)) return;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is not { } size) return;  // not Kestrel (TestServer)
        if (request.ContentLength > Payload.UploadLimits.MaxBodySize)
        {
            http.Response.Headers.Connection = "close";  // refused for its size: never worth draining
            return;
        }
        var left = size.IsReadOnly
            ? !FullyRead(request)
            : request.Headers.Expect.ToString().Contains("100-continue", StringComparison.OrdinalIgnoreCase);
        if (left) http.Response.Headers.Connection = "close";
    }

    /// <summary>Only asked once reading has started (so asking sends no 100 Continue): is the body at its end?</summary>
    static bool FullyRead(HttpRequest request)
    {
        try
        {
            if (!request.BodyReader.TryRead(out var result)) return false;
            var atEnd = result.IsCompleted && result.Buffer.IsEmpty;
            request.BodyReader.AdvanceTo(result.Buffer.Start);
            return atEnd;
        }
        catch (InvalidOperationException)
        {
            return false;  // the handler completed the reader: unknown, so close
        }
    }
}
