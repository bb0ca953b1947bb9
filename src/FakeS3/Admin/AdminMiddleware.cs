using FakeS3.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FakeS3.Admin;

/// <summary>
/// The admin API under /_fakes3/ (clock, reset, requests, explain, faults). It needs no S3 signature; who may call it
/// is decided before, for every path, by <see cref="AdminGuardMiddleware"/>. Turn it off with
/// FakeS3:Admin:Enabled=false; the paths then reach S3, where "_fakes3" is not a valid bucket name.
/// Whatever an endpoint throws becomes a JSON 500 with a message, never an empty answer.
/// </summary>
internal sealed class AdminMiddleware(RequestDelegate next, ClockEndpoint clock, ResetEndpoint reset,
    RequestsEndpoint requests, ExplainEndpoint explain, FaultsEndpoint faults, ILogger<AdminMiddleware> logger)
{
    public const string Prefix = "/_fakes3";

    // `next` is never called: an admin path that matches nothing is a 404 from the admin API, not an S3 request.
    internal RequestDelegate Next { get; } = next;

    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await DispatchAsync(http);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // the client went away; nothing to answer
        }
        catch (Exception e)
        {
            Log.AdminFailed(logger, http.Request.PathBase + http.Request.Path, e);
            if (http.Response.HasStarted) http.Abort();
            else await AdminJson.ErrorAsync(http, StatusCodes.Status500InternalServerError, $"FakeS3 failed on this admin call ({e.GetType().Name}): {e.Message}");
        }
    }

    Task DispatchAsync(HttpContext http) => http.Request.Path.Value switch
    {
        "/clock" => clock.HandleAsync(http),
        "/reset" => reset.HandleAsync(http),
        "/requests" => requests.HandleAsync(http),
        "/explain" => explain.HandleAsync(http),
        FaultsEndpoint.Path => faults.HandleAsync(http, null),
        { } path when path.StartsWith(FaultsEndpoint.Path + "/", StringComparison.Ordinal) =>
            faults.HandleAsync(http, path[(FaultsEndpoint.Path.Length + 1)..]),
        _ => AdminJson.ErrorAsync(http, StatusCodes.Status404NotFound,
            $"Unknown admin path. Available: {Prefix}/clock, {Prefix}/reset, {Prefix}/requests, {Prefix}/explain, {Prefix}/faults."),
    };
}
