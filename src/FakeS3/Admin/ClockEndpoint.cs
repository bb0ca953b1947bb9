using FakeS3.Clock;
using FakeS3.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FakeS3.Admin;

/// <summary>GET /_fakes3/clock (read), POST (advanceSeconds or time), DELETE (back to real time).</summary>
internal sealed class ClockEndpoint(TimeProvider time, ILogger<ClockEndpoint> logger)
{
    public async Task HandleAsync(HttpContext http)
    {
        if (time is not FakeS3Clock clock)
        {
            await AdminJson.ErrorAsync(http, StatusCodes.Status409Conflict,
                $"The host supplied its own TimeProvider ({time.GetType().Name}); move that clock instead.");
            return;
        }
        if (HttpMethods.IsPost(http.Request.Method))
        {
            var change = await AdminJson.ReadAsync<ClockChange>(http);
            if (change is null) return;
            if ((change.AdvanceSeconds is null) == (change.Time is null))
            {
                await AdminJson.ErrorAsync(http, StatusCodes.Status400BadRequest,
                    "Send exactly one of {\"advanceSeconds\": N} or {\"time\": \"2030-01-01T00:00:00Z\"}.");
                return;
            }
            if (change.Time is { } t) clock.Set(t);
            else clock.Advance(TimeSpan.FromSeconds(change.AdvanceSeconds!.Value));
            Log.ClockMoved(logger, clock.GetUtcNow(), clock.Mode.ToString());
        }
        else if (HttpMethods.IsDelete(http.Request.Method))
        {
            clock.Reset();
            Log.ClockReset(logger);
        }
        else if (!HttpMethods.IsGet(http.Request.Method))
        {
            await AdminJson.ErrorAsync(http, StatusCodes.Status405MethodNotAllowed, "Use GET, POST or DELETE.");
            return;
        }
        await AdminJson.WriteAsync(http, ClockView.Of(clock));
    }
}

/// <summary>POST /_fakes3/clock body: one of the two.</summary>
internal sealed record ClockChange(double? AdvanceSeconds, DateTimeOffset? Time);

/// <summary>What GET /_fakes3/clock answers.</summary>
internal sealed record ClockView(DateTimeOffset Now, FakeS3ClockMode Mode, double DriftSeconds)
{
    public static ClockView Of(FakeS3Clock clock) => new(clock.GetUtcNow(), clock.Mode, Math.Round(clock.Drift.TotalSeconds, 3));
}
