using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FakeS3.Tests.Browser;

/// <summary>A web app on its own origin: serves test pages and collects what the pages report back.</summary>
public sealed class PageServer : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly ConcurrentDictionary<string, string> _pages = new();
    readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _reports = new();

    PageServer(WebApplication app) => _app = app;

    /// <summary>http://localhost:port — a different origin from FakeS3's http://127.0.0.1:port.</summary>
    public string Origin { get; private set; } = "";

    public static async Task<PageServer> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new PageServer(app);
        app.MapGet("/page/{name}", (string name) =>
            server._pages.TryGetValue(name, out var html) ? Results.Content(html, "text/html") : Results.NotFound());
        // Reports arrive as a redirect target (form uploads) or as a beacon from fetch() pages.
        app.MapGet("/report/{name}", (string name, HttpRequest request) =>
        {
            server.Report(name).TrySetResult(request.QueryString.Value ?? "");
            return Results.Content("<html><body>reported</body></html>", "text/html");
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        server.Origin = $"http://localhost:{address.Port}";
        return server;
    }

    public void AddPage(string name, string html) => _pages[name] = html;

    public string PageUrl(string name) => $"{Origin}/page/{name}";

    public string ReportUrl(string name) => $"{Origin}/report/{name}";

    TaskCompletionSource<string> Report(string name) =>
        _reports.GetOrAdd(name, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));

    public async Task<string> WaitForReportAsync(string name, TimeSpan timeout) =>
        await Report(name).Task.WaitAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
