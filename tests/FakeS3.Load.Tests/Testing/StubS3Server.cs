using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FakeS3.Load.Tests.Testing;

/// <summary>
/// A stand-in S3 endpoint on real Kestrel at 127.0.0.1:0 that checks no signature. By default it stores PUT
/// and POST bodies and serves them back; <see cref="Respond"/> can replace the answer for object requests
/// (bucket creation always succeeds). It counts every object request it saw, by method.
/// </summary>
public sealed class StubS3Server : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte[]> _objects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _byMethod = new(StringComparer.Ordinal);

    /// <summary>Answers an object request instead of the in-memory store (the long is a 1-based sequence number); false falls through.</summary>
    public Func<HttpContext, long, Task<bool>>? Respond { get; init; }

    /// <summary>Flips one byte of every GET body (a store that corrupts data).</summary>
    public bool CorruptReads { get; init; }

    public Uri Endpoint { get; private set; } = null!;

    public StubS3Server()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    public static async Task<StubS3Server> StartAsync(Func<StubS3Server> create)
    {
        var stub = create();
        await stub._app.StartAsync();
        var address = stub._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        stub.Endpoint = new Uri(address);
        return stub;
    }

    public static Task<StubS3Server> StartAsync() => StartAsync(() => new StubS3Server());

    /// <summary>Object requests seen (bucket-level requests excluded), by method; seed uploads included.</summary>
    public int Count(string method) => _byMethod.TryGetValue(method, out var n) ? n : 0;

    /// <summary>Object requests with this method whose key contains <paramref name="fragment"/>.</summary>
    public int CountKeys(string method, string fragment) =>
        _objectRequests.Count(r => r.Method == method && r.Key.Contains(fragment, StringComparison.Ordinal));

    private readonly ConcurrentBag<(string Method, string Key)> _objectRequests = [];
    private long _sequence;

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var method = context.Request.Method;
        bool bucketLevel = path.Trim('/').IndexOf('/') < 0;
        if (bucketLevel && !HttpMethods.IsPost(method))
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }
        _byMethod.AddOrUpdate(method, 1, static (_, n) => n + 1);
        var key = HttpMethods.IsPost(method) ? "post" : path;
        long n = Interlocked.Increment(ref _sequence);
        if (HttpMethods.IsPost(method))
        {
            var form = await context.Request.ReadFormAsync();
            key = "/" + path.Trim('/') + "/" + form["key"];
            _objectRequests.Add((method, key));
            if (Respond is not null && await Respond(context, n)) return;
            using var ms = new MemoryStream();
            await form.Files["file"]!.CopyToAsync(ms);
            _objects[key] = ms.ToArray();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        _objectRequests.Add((method, key));
        if (Respond is not null && await Respond(context, n)) return;
        if (HttpMethods.IsPut(method))
        {
            using var ms = new MemoryStream();
            await context.Request.Body.CopyToAsync(ms);
            _objects[key] = ms.ToArray();
            return;
        }
        if (!_objects.TryGetValue(key, out var body))
        {
            await WriteErrorAsync(context, 404, "NoSuchKey");
            return;
        }
        if (CorruptReads)
        {
            body = (byte[])body.Clone();
            body[body.Length / 2] ^= 0xFF;
        }
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body);
    }

    public static async Task WriteErrorAsync(HttpContext context, int status, string code)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml";
        await context.Response.WriteAsync($"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>stub</Message><RequestId>1</RequestId></Error>");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
