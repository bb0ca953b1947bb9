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
            if (!TryMove(clock, change))
            {
                await AdminJson.ErrorAsync(http, StatusCodes.Status400BadRequest,
                    $"The clock must stay between {FakeS3Clock.Earliest:O} and {FakeS3Clock.Latest:O} (now {clock.GetUtcNow():O}); it was not moved.");
                return;
            }
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

    /// <summary>False when the move would leave the clock's range (it is then not moved).</summary>
    static bool TryMove(FakeS3Clock clock, ClockChange change)
    {
        try
        {
            if (change.Time is { } t) clock.Set(t);
            // Beyond the whole range TimeSpan itself would overflow; "NaN" (a JSON string the reader accepts) is no move.
            else if (!double.IsFinite(change.AdvanceSeconds!.Value)
                || Math.Abs(change.AdvanceSeconds.Value) >= (FakeS3Clock.Latest - FakeS3Clock.Earliest).TotalSeconds) return false;
            else clock.Advance(TimeSpan.FromSeconds(change.AdvanceSeconds.Value));
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }
}

/// <summary>POST /_fakes3/clock body: one of the two.</summary>
internal sealed record ClockChange(double? AdvanceSeconds, DateTimeOffset? Time);

/// <summary>What GET /_fakes3/clock answers.</summary>
internal sealed record ClockView(DateTimeOffset Now, FakeS3ClockMode Mode, double DriftSeconds)
{
    public static ClockView Of(FakeS3Clock clock) => new(clock.GetUtcNow(), clock.Mode, Math.Round(clock.Drift.TotalSeconds, 3));
}
