using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FakeS3.Conformance.Tests.Hosting;

/// <summary>A real Kestrel server inside the test process on 127.0.0.1:0 (TestServer would hide chunked, HEAD and Content-Length behaviour).</summary>
public sealed class KestrelHost : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly string? _dataDir;

    KestrelHost(WebApplication app, Uri url, string? dataDir) { _app = app; Url = url; _dataDir = dataDir; }

    public Uri Url { get; }

    /// <summary>FakeS3 with a fresh temp LiteDB file and its default credentials (fakes3 / fakes3secret, us-east-1).</summary>
    public static Task<KestrelHost> StartFakeS3Async(IDictionary<string, string?>? settings = null)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "fakes3-conftest-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dataDir);
        var config = new Dictionary<string, string?> { ["FakeS3:DataPath"] = Path.Combine(dataDir, "db.db") };
        foreach (var kv in settings ?? new Dictionary<string, string?>()) config[kv.Key] = kv.Value;
        return StartAsync(builder =>
        {
            builder.Configuration.AddInMemoryCollection(config);
            builder.WebHost.UseFakeS3Defaults(builder.Configuration);
            builder.Services.AddFakeS3(builder.Configuration);
        }, app => app.MapFakeS3(), dataDir);
    }

    /// <summary>FakeS3 behind ASP.NET Core TestServer (no sockets): the same app, an in-memory transport.</summary>
    public static async Task<(KestrelHost Host, Func<HttpMessageHandler> Handler)> StartFakeS3TestServerAsync()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "fakes3-conftest-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dataDir);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["FakeS3:DataPath"] = Path.Combine(dataDir, "db.db") });
        builder.WebHost.UseTestServer();
        builder.Services.AddFakeS3(builder.Configuration);
        var app = builder.Build();
        app.MapFakeS3();
        await app.StartAsync();
        var server = app.GetTestServer();
        return (new KestrelHost(app, new Uri("http://localhost/"), dataDir), () => new PlainUriHandler { InnerHandler = server.CreateHandler() });
    }

    /// <summary>An S3 stand-in that accepts everything: 200 and an empty body for any request. The catalogue must fail against it.</summary>
    public static Task<KestrelHost> StartLenientStubAsync() =>
        StartAsync(_ => { }, app => app.Run(async context =>
        {
            if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
                await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.StatusCode = 200;
        }), null);

    static async Task<KestrelHost> StartAsync(Action<WebApplicationBuilder> configure, Action<WebApplication> map, string? dataDir)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        configure(builder);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KestrelHost(app, new Uri(address), dataDir);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_dataDir is not null)
            try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }

    /// <summary>AWSSDK.S3 builds URIs with DangerousDisablePathAndQueryCanonicalization, which TestServer cannot read; re-parse them.</summary>
    sealed class PlainUriHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { } uri) request.RequestUri = new Uri(uri.OriginalString);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
