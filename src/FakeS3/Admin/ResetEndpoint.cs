using FakeS3.Diagnostics;
using FakeS3.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FakeS3.Admin;

/// <summary>POST /_fakes3/reset: deletes every bucket and object, then re-creates the configured buckets.</summary>
internal sealed class ResetEndpoint(FakeS3Initializer initializer, IOptions<FakeS3Options> options,
    ILogger<ResetEndpoint> logger)
{
    public async Task HandleAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            await AdminJson.ErrorAsync(http, StatusCodes.Status405MethodNotAllowed, "Use POST.");
            return;
        }
        initializer.ResetStore();
        Log.StoreReset(logger, options.Value.Buckets.Count);
        await AdminJson.WriteAsync(http, new { buckets = options.Value.Buckets });
    }
}
