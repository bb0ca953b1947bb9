using System.Net;
using FakeS3.Clock;
using FakeS3.Diagnostics;
using FakeS3.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Options;

namespace FakeS3.Testing;

/// <summary>
/// A fresh FakeS3 inside the test process: in memory through TestServer (default, no port) or on Kestrel at
/// 127.0.0.1 on a free port (for browsers, other processes, wire behaviour). LiteDB in memory, no
/// configuration files or environment variables read, no banner. One per test is cheap.
/// </summary>
public sealed class FakeS3Host : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly TestServer? _testServer;

    FakeS3Host(WebApplication app, TestServer? testServer, Uri baseAddress)
    {
        _app = app;
        _testServer = testServer;
        BaseAddress = baseAddress;
        HttpClient = testServer?.CreateClient() ?? new HttpClient();
        HttpClient.BaseAddress = baseAddress;
    }

    /// <summary>Starts FakeS3. <paramref name="configure"/> edits the options (buckets, credentials, region...).</summary>
    public static async Task<FakeS3Host> StartAsync(Action<FakeS3Options>? configure = null, bool useKestrel = false,
        Action<IServiceCollection>? configureServices = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        if (useKestrel)
        {
            builder.WebHost.UseKestrelCore();
            builder.WebHost.ConfigureKestrel(k =>
            {
                Microsoft.AspNetCore.Hosting.FakeS3WebHostExtensions.ApplyS3Limits(k);  // before Listen: endpoint defaults
                k.Listen(IPAddress.Loopback, 0);
                k.Limits.MaxRequestBodySize = null;
                k.AddServerHeader = false;
            });
        }
        else
        {
            builder.WebHost.UseTestServer();
        }
        builder.Logging.AddFakeS3LogFilters();
        builder.Services.AddFakeS3(builder.Configuration);
        builder.Services.Configure<FakeS3Options>(o =>
        {
            o.DataPath = Storage.FakeS3Database.MemoryPath;
            o.StartupBanner = false;
            configure?.Invoke(o);
        });
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapFakeS3();
        await app.StartAsync(cancellationToken);

        var testServer = useKestrel ? null : app.GetTestServer();
        var address = testServer is not null
            ? new Uri("http://localhost/")
            : new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return new FakeS3Host(app, testServer, address);
    }

    /// <summary>http://localhost/ (TestServer) or http://127.0.0.1:port/ (Kestrel). Presigned URLs must use this host.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A client for presigned URLs and POST forms; relative URIs resolve against <see cref="BaseAddress"/>.</summary>
    public HttpClient HttpClient { get; }

    /// <summary>The options this host runs with (after <c>configure</c>).</summary>
    public FakeS3Options Options => _app.Services.GetRequiredService<IOptions<FakeS3Options>>().Value;

    /// <summary>The one clock every time rule reads: Set, Advance, Reset.</summary>
    public FakeS3Clock Clock => _app.Services.GetRequiredService<FakeS3Clock>();

    /// <summary>Every S3 request so far, newest first, with explanations for rejections.</summary>
    public RequestLog Requests => _app.Services.GetRequiredService<RequestLog>();

    /// <summary>
    /// Fault rules: <c>using var fault = host.Faults.Add(new FaultRule { Operation = "PutObject", Error = "SlowDown", Times = 2 });</c>
    /// The handle's Dispose removes the rule; Hits counts the faults injected.
    /// </summary>
    public Faults.FaultInjector Faults => _app.Services.GetRequiredService<Faults.FaultInjector>();

    /// <summary>The host's services, for what the properties above do not cover.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The access key of the first configured credential (default "fakes3").</summary>
    public string AccessKeyId => Options.EffectiveCredentials[0].AccessKeyId;

    /// <summary>The secret key of the first configured credential (default "fakes3secret").</summary>
    public string SecretAccessKey => Options.EffectiveCredentials[0].SecretAccessKey;

    /// <summary>The region every signature must be scoped to (default "us-east-1").</summary>
    public string Region => Options.Region;

    /// <summary>
    /// A handler that reaches this host: the in-memory TestServer handler (no socket), or an ordinary
    /// socket handler for Kestrel. Give it to any HTTP client or SDK that accepts one (the FakeS3.AWSSDK
    /// package does this for AmazonS3Client). The caller disposes it.
    /// </summary>
    public HttpMessageHandler CreateHandler() =>
        _testServer is null ? new SocketsHttpHandler() : new SdkUriHandler { InnerHandler = _testServer.CreateHandler() };

    /// <summary>Deletes every bucket and object and re-creates the configured buckets. The clock and the log stay.</summary>
    public void Reset() => _app.Services.GetRequiredService<FakeS3Initializer>().ResetStore();

    /// <summary>Stops the host and frees its in-memory store.</summary>
    public async ValueTask DisposeAsync()
    {
        HttpClient.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>
    /// The SDK builds request URIs with DangerousDisablePathAndQueryCanonicalization, which TestServer cannot
    /// read (it calls Uri.GetComponents). Re-parse them as ordinary URIs. Ordinary parsing may normalise
    /// exotic paths ("a/../b"); use Kestrel for byte-exact request targets.
    /// </summary>
    sealed class SdkUriHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { } uri) request.RequestUri = new Uri(uri.OriginalString);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
