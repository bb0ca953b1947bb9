using FakeS3.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FakeS3.Admin;

/// <summary>
/// First step of the /_fakes3 branch: <see cref="AdminAccessGuard"/> for every admin path (present and future
/// endpoints alike), then the dispatcher. Refusals are JSON errors and a server-log line.
/// </summary>
internal sealed class AdminGuardMiddleware(RequestDelegate next, AdminAccessGuard guard, ILogger<AdminGuardMiddleware> logger)
{
    public Task InvokeAsync(HttpContext http)
    {
        // JSON that is never sniffed as a page, never cached by a shared proxy.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-store";
        var refusal = guard.Check(http);
        if (refusal is null) return next(http);
        Log.AdminRefused(logger, http.Request.Method, http.Request.PathBase + http.Request.Path, refusal.Status, refusal.Message);
        return AdminJson.ErrorAsync(http, refusal.Status, refusal.Message);
    }
}
