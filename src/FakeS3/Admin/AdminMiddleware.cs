using Microsoft.AspNetCore.Http;

namespace FakeS3.Admin;

/// <summary>
/// The admin API under /_fakes3/ (clock, reset, requests, explain, faults). It needs no signature: FakeS3 is a local
/// test harness. Turn it off with FakeS3:Admin:Enabled=false; the paths then reach S3, where "_fakes3" is
/// not a valid bucket name.
/// </summary>
internal sealed class AdminMiddleware(RequestDelegate next, ClockEndpoint clock, ResetEndpoint reset,
    RequestsEndpoint requests, ExplainEndpoint explain, FaultsEndpoint faults)
{
    public const string Prefix = "/_fakes3";

    // `next` is never called: an admin path that matches nothing is a 404 from the admin API, not an S3 request.
    internal RequestDelegate Next { get; } = next;

    public Task InvokeAsync(HttpContext http) => http.Request.Path.Value switch
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
