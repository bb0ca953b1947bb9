using FakeS3.Errors;
using FakeS3.Http;
using Microsoft.AspNetCore.Http;

namespace FakeS3.Faults;

/// <summary>
/// Applies the rule that fires for a request, at one stage of the S3 pipeline. Every effect happens before
/// the endpoint runs (or, for body effects, only on GET answers), so an injected failure never stores or
/// changes anything. Errors leave as S3Exception and are rendered by the one error writer.
/// </summary>
internal static class FaultInjection
{
    /// <summary>True when the fault ended the exchange (connection reset): the caller must not answer.</summary>
    public static async ValueTask<bool> InjectAsync(S3RequestContext ctx, FaultStage stage, string? key = null)
    {
        if (ctx.Faults?.Select(ctx, stage, key) is not { } rule) return false;
        var d = rule.Definition;
        var http = ctx.Http;
        ctx.InjectedFault = new InjectedFault(rule.Id, rule.Effect) { NoResponse = d.ResetConnection };
        if (d.LatencyMs is > 0)
            await Task.Delay(TimeSpan.FromMilliseconds(d.LatencyMs.Value), ctx.Services.Time, http.RequestAborted);
        if (d.ResetConnection)
        {
            ConnectionReset.BeforeAnswer(http);
            return true;
        }
        if (d.Error is not null)
        {
            // The whole upload arrives, then is refused: the client's retry must send it again.
            if (d.ErrorAfterBody) await http.Request.Body.CopyToAsync(Stream.Null, http.RequestAborted);
            throw new S3Exception(FaultErrors.Create(d).WithExplanation($"Injected by fault rule '{rule.Id}' ({rule.Effect})."));
        }
        if (d.BytesPerSecond is not null || d.ResetAfterBytes is not null)
            http.Response.Body = new FaultResponseStream(http, http.Response.Body, d.BytesPerSecond, d.ResetAfterBytes, ctx.Services.Time);
        return false;
    }
}
