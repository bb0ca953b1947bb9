using System.Buffers;
using System.Globalization;
using System.Text;
using FakeS3.Errors;

namespace FakeS3.Http.Refusals;

/// <summary>
/// Recognises a response Kestrel wrote on its own (a request it could not parse: bad framing, request line or header
/// section too large, unknown HTTP version, header timeout) and rewrites it as S3's XML error: same connection close,
/// S3's code, message and request ids, rendered by the one error writer.
/// </summary>
internal static class KestrelRefusal
{
    /// <summary>The S3 answer for Kestrel's status (and the error it carries), or null when the bytes are not a bare Kestrel refusal.</summary>
    public static (byte[] Answer, S3Error Error, S3RequestIds Ids)? Rewrite(ReadOnlySequence<byte> written)
    {
        if (written.Length is < 16 or > 4096) return null;
        var text = Encoding.Latin1.GetString(written);
        if (!text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) || !text.EndsWith("\r\n\r\n", StringComparison.Ordinal)) return null;
        if (text.IndexOf("\r\n\r\n", StringComparison.Ordinal) != text.Length - 4) return null;  // a body follows: not Kestrel's
        if (text.Contains("\r\nx-amz-request-id:", StringComparison.OrdinalIgnoreCase)) return null;  // FakeS3's own answer
        if (!text.Contains("\r\nContent-Length: 0\r\n", StringComparison.OrdinalIgnoreCase)) return null;
        if (!int.TryParse(text.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status)) return null;
        S3Error? error = status switch
        {
            400 or 414 => S3Errors.BadHttpRequest(),
            408 => S3Errors.RequestTimeout(),
            413 => S3Errors.EntityTooLarge(0, Payload.UploadLimits.MaxBodySize),
            431 => S3Errors.RequestHeaderSectionTooLarge(),
            505 => S3Errors.HttpVersionNotSupported(),
            _ => null,
        };
        if (error is null) return null;
        var ids = S3RequestIds.New();
        var body = Encoding.UTF8.GetBytes(S3ErrorWriter.Render(error, ids));
        var head = new StringBuilder(256)
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {error.Status} {ReasonPhrase(error.Status)}\r\n")
            .Append("Content-Type: application/xml\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n")
            .Append("Connection: close\r\n")
            .Append("Date: ").Append(DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n")
            .Append("Server: AmazonS3\r\n")
            .Append("x-amz-request-id: ").Append(ids.RequestId).Append("\r\n")
            .Append("x-amz-id-2: ").Append(ids.HostId).Append("\r\n\r\n");
        return ([.. Encoding.ASCII.GetBytes(head.ToString()), .. body], error, ids);
    }

    static string ReasonPhrase(int status) => status switch
    {
        400 => "Bad Request",
        505 => "HTTP Version Not Supported",
        _ => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
    };
}
