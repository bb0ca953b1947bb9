using FakeS3.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace FakeS3.Admin;

/// <summary>GET /_fakes3/requests[?rejected=true&amp;limit=N]: the request log, newest first. DELETE clears it.</summary>
internal sealed class RequestsEndpoint(RequestLog log)
{
    public async Task HandleAsync(HttpContext http)
    {
        if (HttpMethods.IsDelete(http.Request.Method))
        {
            log.Clear();
            http.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        if (!HttpMethods.IsGet(http.Request.Method))
        {
            await AdminJson.ErrorAsync(http, StatusCodes.Status405MethodNotAllowed, "Use GET or DELETE.");
            return;
        }
        var query = http.Request.Query;
        var rejected = query["rejected"].ToString() is var r && (r == "true" || r == "1");
        int? limit = int.TryParse(query["limit"], out var n) && n > 0 ? n : null;
        await AdminJson.WriteAsync(http, log.Snapshot(rejected, limit));
    }
}
