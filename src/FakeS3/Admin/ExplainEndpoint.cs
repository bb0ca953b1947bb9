using Microsoft.AspNetCore.Http;

namespace FakeS3.Admin;

/// <summary>POST /_fakes3/explain: {"url": ..., "method"?, "headers"?} or {"fields": {...}} → <see cref="ExplainResult"/>.</summary>
internal sealed class ExplainEndpoint(PresignedUrlExplainer urls, PostPolicyExplainer policies)
{
    public async Task HandleAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            await AdminJson.ErrorAsync(http, StatusCodes.Status405MethodNotAllowed, "Use POST.");
            return;
        }
        var request = await AdminJson.ReadAsync<ExplainRequest>(http);
        if (request is null) return;
        if (request.Url is { Length: > 0 } url)
        {
            var result = urls.Explain(url, request.Method, request.Headers);
            if (result is null) await AdminJson.ErrorAsync(http, StatusCodes.Status400BadRequest, "'url' must be an absolute http(s) URL.");
            else await AdminJson.WriteAsync(http, result);
        }
        else if (request.Fields is { Count: > 0 } fields)
        {
            await AdminJson.WriteAsync(http, policies.Explain(fields));
        }
        else
        {
            await AdminJson.ErrorAsync(http, StatusCodes.Status400BadRequest, "Send {\"url\": \"...\"} or {\"fields\": {...}}.");
        }
    }
}
