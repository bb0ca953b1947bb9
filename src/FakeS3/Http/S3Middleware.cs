using FakeS3.Diagnostics;
using FakeS3.Errors;
using FakeS3.Faults;
using FakeS3.Hosting;
using FakeS3.Signing;
using FakeS3.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FakeS3.Http;

/// <summary>
/// The S3 pipeline, in order: request ids → served Host (loopback listeners) → target + operation →
/// authentication → endpoint. Every failure
/// becomes S3 XML through the one writer; anything unexpected is an InternalError, never a bare 500 page.
/// </summary>
internal sealed class S3Middleware(
    RequestDelegate next,
    S3Services services,
    RequestAuthenticator authenticator,
    IEnumerable<IS3Endpoint> endpoints,
    IOptions<FakeS3Options> options,
    RejectionExplainer explainer,
    UnhandledErrorLog errors,
    FaultInjector faults,
    ServedHosts hosts,
    UploadPacer pacer,
    ILogger<S3Middleware> logger)
{
    readonly Dictionary<S3Operation, Func<S3RequestContext, Task>> _table =
        endpoints.SelectMany(e => e.Operations).ToDictionary(p => p.Operation, p => p.Handle);

    // Terminal: every request that reaches here is an S3 request, so `next` is never called.
    public Task InvokeAsync(HttpContext http) => HandleAsync(http);

    internal RequestDelegate Next { get; } = next;

    async Task HandleAsync(HttpContext http)
    {
        var ids = S3RequestIds.Of(http);
        S3RequestIds.Apply(http, ids);
        S3RequestContext? ctx = null;
        var faultRules = faults.Current; // the only cost of fault injection while no rule exists
        try
        {
            if (HeaderSection.Size(http.Request.Headers) > HeaderSection.MaxBytes)
                throw new S3Exception(S3Errors.RequestHeaderSectionTooLarge());
            if (hosts.RefusesS3(http))
                throw new S3Exception(S3Errors.HostNotServed(hosts.NotServedMessage(http.Request.Host)));
            var target = S3RequestTarget.From(http, options.Value.BaseDomain);
            if (!target.PathIsUtf8) throw new S3Exception(S3Errors.InvalidUri());
            var signable = SignableRequest.From(http.Request, target.RawPath, target.RawQuery, target.VirtualHosted ? target.Bucket : null);
            var query = S3Query.From(signable.Query);
            var (operation, name) = S3OperationResolver.Resolve(http.Request.Method, target, query, http.Request.Headers);
            ctx = new S3RequestContext
            {
                Http = http, Target = target, Query = query, Operation = operation, OperationName = name,
                Signable = signable, Services = services, Faults = faultRules,
            };
            http.Features.Set(ctx);
            if (faultRules is not null && await FaultInjection.InjectAsync(ctx, FaultStage.BeforeAuthentication)) return;
            // S3 answers these 405 whether or not the request is signed (an anonymous form gets it too) [WIRE]; in a
            // bucket that does not exist NoSuchBucket comes first (FakeS3's choice: the captures all had the bucket).
            if (operation == S3Operation.MethodNotAllowed && target.Bucket is not null && !services.Store.BucketExists(target.Bucket))
                throw new S3Exception(S3Errors.NoSuchBucket(target.Bucket));
            if (operation == S3Operation.MethodNotAllowed)
                throw new S3Exception(target.Bucket is null ? S3Errors.MethodNotAllowed("POST", "SERVICE", "GET") : S3Errors.MethodNotAllowed("POST", "OBJECT")
                    .WithExplanation("POST to an object URL: a browser form (PostObject) goes to the bucket's URL, the key in its 'key' field."));
            if (operation is not (S3Operation.Preflight or S3Operation.PostObject))
            {
                ctx.Auth = authenticator.Authenticate(ctx.Signable);
                if (ctx.IsAnonymous) AnonymousAccess.Ensure(ctx);
            }
            if (operation != S3Operation.Preflight) Cors.BucketCors.ApplyToActualRequest(ctx);
            // PostObject authenticates inside its endpoint, which injects after that itself.
            if (faultRules is not null && operation != S3Operation.PostObject
                && await FaultInjection.InjectAsync(ctx, FaultStage.AfterAuthentication)) return;
            if (!_table.TryGetValue(operation, out var handle))
                throw new S3Exception(S3Errors.NotImplemented(name));
            services.Store.EnsureAvailable();
            await handle(ctx);
        }
        catch (S3Exception e)
        {
            await FailAsync(http, e.Error);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's body limit (an aws-chunked body whose framing takes it past 5 GiB): S3's answer for too large.
            await FailAsync(http, S3Errors.EntityTooLarge(http.Request.ContentLength ?? 0, Payload.UploadLimits.MaxBodySize).WithExplanation(e.Message));
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel: body shorter than Content-Length, client gone, limits exceeded.
            logger.LogDebug(e, "Bad HTTP request");
            await FailAsync(http, S3Errors.IncompleteBody().WithExplanation(e.Message));
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // the client went away; nothing to answer
        }
        catch (StoreUnavailableException e)
        {
            await FailAsync(http, S3Errors.StoreUnavailable(e.Message));
        }
        catch (Exception e) when (StorageFault.IsDiskFull(e))
        {
            // FakeS3's own refusal wrote nothing: reopening would be wasted, and releasing the reserve then left a disk
            // that another program filled afterwards with no room for the DELETEs that are the way out.
            if (!StorageFault.IsRefusedUpload(e)) services.Store.RecoverAfterFault(diskFull: true);
            await FailAsync(http, S3Errors.DiskFull().WithExplanation(e.Message));
        }
        catch (Exception e)
        {
            // An engine error must not leave every later request failing: the store reopens itself if needed.
            services.Store.RecoverAfterFault(diskFull: false);
            if (StoreUnavailable() is { } down)
            {
                // The engine error closed the store and it could not be reopened: say so (503, retried), not 500.
                await FailAsync(http, S3Errors.StoreUnavailable(down.Message));
                return;
            }
            errors.Report(e, ctx?.OperationName);
            await FailAsync(http, S3Errors.InternalError().WithExplanation(e.GetType().Name + ": " + e.Message));
        }
        finally
        {
            // Uploads do not make other uploads yield (UploadPacer).
            if (ctx?.Operation is not (S3Operation.PutObject or S3Operation.UploadPart or S3Operation.PostObject
                or S3Operation.CopyObject or S3Operation.UploadPartCopy)) pacer.Answered();
        }
    }

    StoreUnavailableException? StoreUnavailable()
    {
        try
        {
            services.Store.EnsureAvailable();
            return null;
        }
        catch (StoreUnavailableException down)
        {
            return down;
        }
    }

    async Task FailAsync(HttpContext http, S3Error error)
    {
        error = explainer.Explain(http, error);
        http.Features.Set(error);
        if (http.Response.HasStarted)
        {
            // Mid-body failure (e.g. GET stream): S3 would cut the connection too.
            http.Abort();
            return;
        }
        await S3ErrorWriter.WriteAsync(http, error, options.Value.ExplanationHeader, CorsHeadersFor(http));
    }

    static IReadOnlyList<(string Name, string Value)> CorsHeadersFor(HttpContext http)
    {
        if (http.Features.Get<S3RequestContext>() is not { } ctx) return [];
        try
        {
            return Cors.BucketCors.ActualRequestHeaders(ctx);
        }
        catch (S3Exception)
        {
            return []; // e.g. an unparsable stored configuration: answer the error without CORS headers
        }
    }
}
