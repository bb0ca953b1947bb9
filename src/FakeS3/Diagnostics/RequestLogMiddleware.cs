using FakeS3.Errors;
using FakeS3.Hosting;
using FakeS3.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FakeS3.Diagnostics;

/// <summary>
/// Sits in front of S3Middleware and records every S3 request once it is answered, reading what the
/// pipeline left on the features (S3RequestContext, the final S3Error). Rejections also go to the server log.
/// </summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, RequestLog log, TimeProvider time, IOptions<FakeS3Options> options,
    ILogger<RequestLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var started = time.GetTimestamp();
        try
        {
            await next(http);
        }
        finally
        {
            Record(http, time.GetElapsedTime(started));
        }
    }

    void Record(HttpContext http, TimeSpan elapsed)
    {
        var ctx = http.Features.Get<S3RequestContext>();
        var error = http.Features.Get<S3Error>();
        var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(rawTarget)) rawTarget = http.Request.Path.ToUriComponent() + http.Request.QueryString.ToUriComponent();
        var path = TargetRedaction.Redact(rawTarget);
        // Rejections only: the texts below may quote what the request carried (tokens in a canonical request).
        IReadOnlyList<(string, bool)> secrets = error is null ? [] : SecretRedaction.SecretsOf(http, options.Value);
        var query = ctx?.Query ?? S3Query.Parse(http.Request.QueryString.HasValue ? http.Request.QueryString.Value![1..] : "");
        var authenticated = ctx is not null && !ctx.IsAnonymous;
        var entry = new RequestLogEntry(
            time.GetUtcNow(), http.Request.Method, path, ctx?.OperationName,
            authenticated ? ctx!.Auth.Kind.ToString() : AuthMechanism.Presented(http.Request, query, ctx?.Operation),
            authenticated ? ctx!.Auth.AccessKeyId : error?.Detail("AWSAccessKeyId") ?? AuthMechanism.AccessKeyId(http.Request, query),
            error?.Status ?? http.Response.StatusCode, error?.Code.ToString(), Math.Round(elapsed.TotalMilliseconds, 3),
            error is null ? null : SecretRedaction.Scrub(error.Explanation ?? $"{error.Code}: {error.Message}", secrets),
            S3RequestIds.Of(http).RequestId)
        {
            CanonicalRequest = SecretRedaction.Scrub(error?.Detail("CanonicalRequest"), secrets),
            StringToSign = SecretRedaction.Scrub(error?.Detail("StringToSign"), secrets),
        };
        log.Add(entry);
        if (entry.Rejected) Log.RequestRejected(logger, entry.Method, entry.Path, entry.Status, entry.ErrorCode, entry.Explanation);
    }
}
