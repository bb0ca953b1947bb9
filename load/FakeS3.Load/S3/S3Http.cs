using System.Net;
using FakeS3.Load.Simulation;

namespace FakeS3.Load.S3;

/// <summary>Raw HTTP for presigned requests, and the mapping from a response to a <see cref="StepResult"/>.</summary>
public sealed class S3Http(HttpClient http)
{
    public HttpClient Client => http;

    public static HttpClient CreateClient(int maxConnections, TimeSpan timeout) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, maxConnections),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            AllowAutoRedirect = false,
        })
        { Timeout = timeout };

    /// <summary>Sends a request whose success is a 2xx; on a 2xx, <paramref name="onSuccess"/> checks the response.</summary>
    public async Task<StepResult> SendAsync(
        HttpRequestMessage request, string operation, long bytesSent, CancellationToken ct,
        Func<HttpResponseMessage, CancellationToken, Task<StepResult>>? onSuccess = null)
    {
        using (request)
        using (var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct))
        {
            int status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                var (code, read) = await S3ErrorParser.ReadCodeAsync(response, ct);
                return StepResult.Fail(operation, status, code, bytesSent, read);
            }
            if (onSuccess is not null)
                return await onSuccess(response, ct) with { BytesSent = bytesSent };
            long drained = await DrainAsync(response, ct);
            return StepResult.Ok(operation, status, bytesSent, drained);
        }
    }

    /// <summary>Must-reject: 400/403 is the right answer, a 2xx is a violation, anything else an error.</summary>
    public async Task<StepResult> SendExpectingRejectionAsync(HttpRequestMessage request, string operation, long bytesSent, CancellationToken ct)
    {
        using (request)
        using (var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct))
        {
            int status = (int)response.StatusCode;
            var (code, read) = await S3ErrorParser.ReadCodeAsync(response, ct);
            var outcome = status switch
            {
                400 or 403 => StepOutcome.Rejected,
                >= 200 and < 300 => StepOutcome.Accepted,
                _ => StepOutcome.Failed,
            };
            var label = outcome == StepOutcome.Accepted ? $"Accepted:{operation}" : code;
            return new StepResult(outcome, status, label, bytesSent, read, operation);
        }
    }

    /// <summary>Checks a 2xx PUT/POST answer: when the server returns an MD5-style ETag it must match the body sent.</summary>
    public static StepResult CheckETag(HttpResponseMessage response, string operation, string? expectedETag)
    {
        int status = (int)response.StatusCode;
        var etag = response.Headers.ETag?.Tag;
        if (expectedETag is not null && etag is { Length: 34 } && !string.Equals(etag, expectedETag, StringComparison.OrdinalIgnoreCase))
            return new StepResult(StepOutcome.Corrupted, status, "ETagMismatch", 0, 0, operation);
        return StepResult.Ok(operation, status, 0, 0);
    }

    public static async Task<long> DrainAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0) total += read;
        return total;
    }
}
