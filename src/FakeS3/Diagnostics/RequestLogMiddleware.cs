using FakeS3.Errors;
using FakeS3.Hosting;
using FakeS3.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FakeS3.Diagnostics;

/// <summary>
/// Sits in front of S3Middleware and records every S3 request, reading what the pipeline left on the features
/// (S3RequestContext, the final S3Error). Rejections also go to the server log. The entry is recorded as the answer
/// starts, before its first byte leaves: a client that has read an answer always finds it in the log (recording after
/// the pipeline raced the client, which may have the whole body before the pipeline unwinds). Requests that never get
/// an answer (a reset, a client gone) are recorded when the pipeline ends. DurationMs is the time to the answer.
/// </summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, RequestLog log, TimeProvider time, IOptions<FakeS3Options> options,
    ILogger<RequestLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var pending = new PendingEntry(this, http, time);
        http.Response.OnStarting(static state => ((PendingEntry)state).RecordOnce(), pending);
        try
        {
            await next(http);
        }
        finally
        {
            await pending.RecordOnce();
        }
    }

    sealed class PendingEntry(RequestLogMiddleware owner, HttpContext http, TimeProvider time)
    {
        readonly long _started = time.GetTimestamp();
        int _recorded;

        public Task RecordOnce()
        {
            if (Interlocked.Exchange(ref _recorded, 1) == 0) owner.Record(http, time.GetElapsedTime(_started));
            return Task.CompletedTask;
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
        var fault = ctx?.InjectedFault;
        // A reset (or a client that gave up during injected latency) got no answer at all: status 0.
        var answered = fault is null || !(fault.NoResponse || (http.RequestAborted.IsCancellationRequested && !http.Response.HasStarted));
        var entry = new RequestLogEntry(
            time.GetUtcNow(), http.Request.Method, path, ctx?.OperationName,
            authenticated ? ctx!.Auth.Kind.ToString() : AuthMechanism.Presented(http.Request, query, ctx?.Operation),
            authenticated ? ctx!.Auth.AccessKeyId : error?.Detail("AWSAccessKeyId") ?? AuthMechanism.AccessKeyId(http.Request, query),
            error?.Status ?? (answered ? http.Response.StatusCode : 0), error?.Code.ToString(), Math.Round(elapsed.TotalMilliseconds, 3),
            error is not null ? SecretRedaction.Scrub(error.Explanation ?? $"{error.Code}: {error.Message}", secrets)
                : fault is not null ? $"Injected by fault rule '{fault.RuleId}' ({fault.Effect})." : null,
            S3RequestIds.Of(http).RequestId)
        {
            CanonicalRequest = SecretRedaction.Scrub(error?.Detail("CanonicalRequest"), secrets),
            StringToSign = SecretRedaction.Scrub(error?.Detail("StringToSign"), secrets),
            Fault = fault,
        };
        log.Add(entry);
        if (fault is not null) Log.FaultInjected(logger, entry.Method, entry.Path, fault.RuleId, fault.Effect, entry.Status);
        else if (!entry.Rejected) return;
        else if (IsRoutine(error)) Log.RequestMissed(logger, entry.Method, entry.Path, entry.Status, entry.ErrorCode);
        else Log.RequestRejected(logger, entry.Method, entry.Path, entry.Status, entry.ErrorCode, entry.Explanation);
    }

    /// <summary>
    /// Answers that are ordinary traffic — a 404 from an existence check, a failed If-* condition, a range past the
    /// end — stay at Debug; signature, expiry, policy and every other rejection stay at Information, easy to find.
    /// </summary>
    static bool IsRoutine(S3Error? error) =>
        error is not null && (error.Status == 404 || error.Code == S3ErrorCode.InvalidRange
            || (error.Code == S3ErrorCode.PreconditionFailed && error.Detail("Condition") is not null));
}
