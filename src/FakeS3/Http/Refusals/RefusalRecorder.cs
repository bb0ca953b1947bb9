using FakeS3.Diagnostics;
using FakeS3.Errors;

namespace FakeS3.Http.Refusals;

/// <summary>
/// Puts a request Kestrel refused on its own into the request log: method and target from the request line when it
/// was read (signatures and tokens redacted as for every entry; "-" when unknown), the status and S3 code answered.
/// No headers are read, so no credential is seen.
/// </summary>
internal sealed class RefusalRecorder(RequestLog log, TimeProvider time)
{
    public void Record(ConnectionActivity activity, S3Error error, S3RequestIds ids)
    {
        var line = activity.RequestLine();
        log.Add(new RequestLogEntry(
            time.GetUtcNow(), line?.Method ?? "-", line is { } l ? TargetRedaction.Redact(l.Target) : "-", null, "Unknown", null,
            error.Status, error.Code.ToString(), 0,
            $"Refused by the HTTP server before FakeS3 saw the request ({error.Code}: {error.Message})", ids.RequestId));
    }
}
