using Microsoft.AspNetCore.Http;

namespace FakeS3.Http.Refusals;

/// <summary>
/// Per connection: is the application answering a request right now? Only bytes Kestrel writes while no request is
/// being answered can be one of Kestrel's own refusals (the application never saw that request).
/// </summary>
internal sealed class ConnectionActivity
{
    int _active;

    public bool ApplicationAnswering => Volatile.Read(ref _active) > 0;

    /// <summary>First in the pipeline: marks the connection busy until the response is complete (OnCompleted runs after the last byte).</summary>
    public static Task MarkAsync(HttpContext http, RequestDelegate next)
    {
        if (http.Features.Get<ConnectionActivity>() is not { } activity) return next(http);
        Interlocked.Increment(ref activity._active);
        http.Response.OnCompleted(static state =>
        {
            Interlocked.Decrement(ref ((ConnectionActivity)state)._active);
            return Task.CompletedTask;
        }, activity);
        return next(http);
    }
}
