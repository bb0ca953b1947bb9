using Amazon.Runtime;
using Amazon.S3;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FakeS3.Tests.Infrastructure;

/// <summary>
/// A FakeS3 for one test: real Kestrel on 127.0.0.1:0 (wire behaviour) or TestServer (no port), with its own
/// temp LiteDB file. Built with the same AddFakeS3/MapFakeS3 as Program.cs.
/// </summary>
public sealed class TestFakeS3 : IAsyncDisposable
{
    public const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    readonly WebApplication _app;

    TestFakeS3(WebApplication app, string dataPath, Uri baseAddress, bool kestrel)
    {
        _app = app;
        DataPath = dataPath;
        BaseAddress = baseAddress;
        UsesKestrel = kestrel;
    }

    public string DataPath { get; }
    public Uri BaseAddress { get; }
    public bool UsesKestrel { get; }
    public IServiceProvider Services => _app.Services;

    /// <param name="listenUrl">Kestrel's listen URL (default 127.0.0.1 on a free port); BaseAddress is the bound address.</param>
    public static async Task<TestFakeS3> StartAsync(bool kestrel = true, string? dataPath = null, IDictionary<string, string?>? settings = null,
        TimeProvider? time = null, string listenUrl = "http://127.0.0.1:0", Action<ILoggingBuilder>? logging = null)
    {
        dataPath ??= TestDataFiles.NewDataPath();
        var builder = WebApplication.CreateBuilder();
        var config = new Dictionary<string, string?>
        {
            ["FakeS3:DataPath"] = dataPath,
            ["FakeS3:Credentials:0:AccessKeyId"] = AccessKey,
            ["FakeS3:Credentials:0:SecretAccessKey"] = SecretKey,
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) config[k] = v;
        builder.Configuration.AddInMemoryCollection(config);
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        if (kestrel)
        {
            builder.WebHost.UseFakeS3Defaults(builder.Configuration);
            builder.WebHost.UseUrls(listenUrl);
        }
        else
        {
            builder.WebHost.UseTestServer();
        }
        if (time is not null) builder.Services.AddSingleton(time);
        builder.Services.AddFakeS3(builder.Configuration);
        var app = builder.Build();
        app.MapFakeS3();
        await app.StartAsync();
        var address = kestrel
            ? new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First())
            : new Uri("http://localhost/");
        return new TestFakeS3(app, dataPath, address, kestrel);
    }

    /// <summary>An HttpClient for raw and presigned requests (through TestServer when there is no port).</summary>
    public HttpClient CreateHttpClient() =>
        UsesKestrel ? new HttpClient { BaseAddress = BaseAddress } : _app.GetTestClient();

    /// <summary>AWSSDK.S3 with its defaults (retries included); only endpoint, path style and credentials changed,
    /// plus whatever <paramref name="configure"/> sets.</summary>
    public AmazonS3Client CreateS3Client(string? secret = null, Action<AmazonS3Config>? configure = null)
    {
        var config = new AmazonS3Config
        {
            ServiceURL = BaseAddress.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
        };
        configure?.Invoke(config);
        if (!UsesKestrel) config.HttpClientFactory = new TestServerHttpClientFactory(_app.GetTestServer());
        return new AmazonS3Client(new BasicAWSCredentials(AccessKey, secret ?? SecretKey), config);
    }

    /// <summary>An SDK client whose requests pass through <paramref name="handler"/> (Kestrel only).</summary>
    public AmazonS3Client CreateS3ClientWith(DelegatingHandler handler)
    {
        handler.InnerHandler = new SocketsHttpHandler();
        var config = new AmazonS3Config { ServiceURL = BaseAddress.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 };
        config.HttpClientFactory = new HandlerHttpClientFactory(handler);
        return new AmazonS3Client(new BasicAWSCredentials(AccessKey, SecretKey), config);
    }

    internal sealed class HandlerHttpClientFactory(HttpMessageHandler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);
        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;
        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>
    /// The SDK builds request URIs with DangerousDisablePathAndQueryCanonicalization, which TestServer cannot
    /// read; re-create them as ordinary URIs (Kestrel tests keep the SDK's exact bytes).
    /// </summary>
    sealed class PlainUriHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { } uri) request.RequestUri = new Uri(uri.OriginalString);
            return base.SendAsync(request, cancellationToken);
        }
    }

    sealed class TestServerHttpClientFactory(TestServer server) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
            new(new PlainUriHandler { InnerHandler = server.CreateHandler() }) { BaseAddress = server.BaseAddress };
        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;
        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
    }
}
