using System.Text.Json;
using System.Text.Json.Nodes;
using FakeS3.Diagnostics;
using FakeS3.Faults;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FakeS3.Admin;

/// <summary>
/// /_fakes3/faults: GET lists the rules with their counters, POST adds one (a <see cref="FaultRule"/> as JSON),
/// DELETE removes them all. /_fakes3/faults/{id}: GET one, DELETE one.
/// </summary>
internal sealed class FaultsEndpoint(FaultInjector faults, ILogger<FaultsEndpoint> logger)
{
    public const string Path = "/faults";

    public Task HandleAsync(HttpContext http, string? id) => id is null ? CollectionAsync(http) : OneAsync(http, id);

    async Task CollectionAsync(HttpContext http)
    {
        var method = http.Request.Method;
        if (HttpMethods.IsGet(method))
        {
            await AdminJson.WriteAsync(http, new JsonArray([.. faults.List().Select(View)]));
        }
        else if (HttpMethods.IsPost(method))
        {
            var rule = await AdminJson.ReadAsync<FaultRule>(http);
            if (rule is null) return;
            if (!faults.TryAdd(rule, out var handle, out var problems))
            {
                await AdminJson.ErrorAsync(http, StatusCodes.Status400BadRequest, string.Join(" ", problems));
                return;
            }
            var status = faults.Find(handle!.Id)!;
            Log.FaultRuleAdded(logger, handle.Id, JsonSerializer.Serialize(status.Rule, AdminJson.Compact));
            http.Response.Headers.Location = AdminMiddleware.Prefix + Path + "/" + handle.Id;
            await AdminJson.WriteAsync(http, View(status), StatusCodes.Status201Created);
        }
        else if (HttpMethods.IsDelete(method))
        {
            faults.Clear();
            Log.FaultRulesCleared(logger);
            http.Response.StatusCode = StatusCodes.Status204NoContent;
        }
        else
        {
            await AdminJson.ErrorAsync(http, StatusCodes.Status405MethodNotAllowed, "Use GET, POST or DELETE.");
        }
    }

    async Task OneAsync(HttpContext http, string id)
    {
        var method = http.Request.Method;
        if (HttpMethods.IsGet(method))
        {
            if (faults.Find(id) is { } status) await AdminJson.WriteAsync(http, View(status));
            else await NotFoundAsync(http, id);
        }
        else if (HttpMethods.IsDelete(method))
        {
            if (!faults.Remove(id))
            {
                await NotFoundAsync(http, id);
                return;
            }
            Log.FaultRuleRemoved(logger, id);
            http.Response.StatusCode = StatusCodes.Status204NoContent;
        }
        else
        {
            await AdminJson.ErrorAsync(http, StatusCodes.Status405MethodNotAllowed, "Use GET or DELETE.");
        }
    }

    static Task NotFoundAsync(HttpContext http, string id) =>
        AdminJson.ErrorAsync(http, StatusCodes.Status404NotFound, $"No fault rule with Id '{id}'. GET {AdminMiddleware.Prefix}{Path} lists them.");

    /// <summary>The rule as it was added (same JSON shape as POST takes) plus its counters.</summary>
    static JsonObject View(FaultRuleStatus status)
    {
        var view = JsonSerializer.SerializeToNode(status.Rule, AdminJson.Options)!.AsObject();
        view["matched"] = status.Matched;
        view["hits"] = status.Hits;
        view["exhausted"] = status.Exhausted;
        return view;
    }
}
