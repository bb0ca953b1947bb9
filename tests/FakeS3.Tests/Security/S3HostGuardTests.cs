using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Xml.Linq;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Hosting;
using FakeS3.Tests.Infrastructure;
using FakeS3.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FakeS3.Tests.Security;

/// <summary>
/// The S3 API against a DNS-rebinding web page that signs with the well-known default key pair (as JS can):
/// refused on a loopback-only listener unless Host is a name FakeS3 serves; a listener other hosts can reach
/// answers any name (a compose service name).
/// </summary>
public class S3HostGuardTests
{
    const string Bucket = "keep";
    const string Precious = "precious";

    public enum Attempt { GetObject, PutObject, PostForm, ListObjects }

    public static TheoryData<Attempt> Attempts() => [.. Enum.GetValues<Attempt>()];

    static async Task<FakeS3Host> StartLoopbackAsync(Action<FakeS3Options>? configure = null, ILoggerProvider? serverLog = null)
    {
        var host = await FakeS3Host.StartAsync(o =>
        {
            o.Buckets.Add(Bucket);
            configure?.Invoke(o);
        }, useKestrel: true, configureServices: s => { if (serverLog is not null) s.AddSingleton(serverLog); });
        using var s3 = host.CreateS3Client();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "a.txt", ContentBody = Precious });
        return host;
    }

    /// <summary>One attempt through the given clients: the status, and S3's error code and message (null on success).</summary>
    static async Task<(HttpStatusCode Status, string? Code, string? Message)> TryAsync(Attempt attempt, AmazonS3Client s3, HttpClient http)
    {
        try
        {
            switch (attempt)
            {
                case Attempt.GetObject:
                    using (var get = await s3.GetObjectAsync(Bucket, "a.txt")) return (get.HttpStatusCode, null, null);
                case Attempt.PutObject:
                    var put = await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "a.txt", ContentBody = "overwritten" });
                    return (put.HttpStatusCode, null, null);
                case Attempt.ListObjects:
                    return ((await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket })).HttpStatusCode, null, null);
                default:
                    var post = await s3.CreatePresignedPostAsync(new CreatePresignedPostRequest { BucketName = Bucket, Key = "a.txt", Expires = DateTime.UtcNow.AddMinutes(10) });
                    using (var form = new MultipartFormDataContent())
                    {
                        foreach (var (name, value) in post.Fields) form.Add(new StringContent(value), name);
                        form.Add(new StringContent("overwritten"), "file", "a.txt");
                        using var response = await http.PostAsync(post.Url, form);
                        if (response.IsSuccessStatusCode) return (response.StatusCode, null, null);
                        var error = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
                        return (response.StatusCode, error.Element("Code")?.Value, error.Element("Message")?.Value);
                    }
            }
        }
        catch (AmazonS3Exception e)
        {
            return (e.StatusCode, e.ErrorCode, e.Message);
        }
    }

    static async Task AssertNothingChangedAsync(FakeS3Host host)
    {
        using var s3 = host.CreateS3Client();
        using (var get = await s3.GetObjectAsync(Bucket, "a.txt"))
            Assert.Equal(Precious, await new StreamReader(get.ResponseStream).ReadToEndAsync());
        var keys = (await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket })).S3Objects.Select(o => o.Key);
        Assert.Equal(["a.txt"], keys);
    }

    [Theory]
    [MemberData(nameof(Attempts))]
    public async Task RebindingHost_OnALoopbackListener_IsRefused_AndNothingChanges(Attempt attempt)
    {
        var serverLog = new CapturingLoggerProvider();
        await using var host = await StartLoopbackAsync(serverLog: serverLog);
        using var clients = new RebindingClients(host.BaseAddress);
        using var s3 = clients.S3($"attacker.example:{host.BaseAddress.Port}");
        using var http = clients.Http();

        var (status, code, message) = await TryAsync(attempt, s3, http);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("AccessDenied", code);
        Assert.Contains($"Host 'attacker.example:{host.BaseAddress.Port}' is not a name FakeS3 serves", message);
        Assert.Contains("FakeS3:AllowedHosts", message);
        var logged = host.Requests.Latest!;
        Assert.Equal((403, "AccessDenied"), (logged.Status, logged.ErrorCode));
        Assert.Contains("DNS-rebinding", logged.Explanation);
        // the server logs the rejection just after it records it in the request log: under load the client can look in between
        for (var i = 0; i < 50 && !serverLog.Text.Contains("rejected: 403 AccessDenied"); i++) await Task.Delay(100);
        Assert.Contains("rejected: 403 AccessDenied", serverLog.Text);
        Assert.Contains("DNS-rebinding", serverLog.Text);
        await AssertNothingChangedAsync(host);
    }

    [Fact]
    public async Task RefusedUpload_LeavesTheKeepAliveConnectionUsable()
    {
        await using var host = await StartLoopbackAsync();
        using var s3 = host.CreateS3Client();
        var uri = new Uri(await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
            { BucketName = Bucket, Key = "a.txt", Verb = HttpVerb.GET, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(5) }));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"PUT /{Bucket}/a.txt HTTP/1.1\r\nHost: attacker.example:{uri.Port}\r\nContent-Length: 70000\r\n\r\n"));
        await stream.WriteAsync(new byte[70000]);
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nConnection: close\r\n\r\n"));
        var responses = await new StreamReader(stream).ReadToEndAsync();
        Assert.StartsWith("HTTP/1.1 403", responses);
        Assert.Contains("HTTP/1.1 200", responses);
        Assert.EndsWith(Precious, responses);
    }

    [Fact]
    public async Task InProcessTestServer_CountsAsLoopback()
    {
        await using var host = await FakeS3Host.StartAsync(o => o.Buckets.Add(Bucket)); // TestServer, Host "localhost"
        var request = new HttpRequestMessage(HttpMethod.Get, $"/{Bucket}/a.txt");
        request.Headers.Host = "attacker.example";
        using var response = await host.HttpClient.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Host 'attacker.example' is not a name FakeS3 serves", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("localhost", true, null)]
    [InlineData("localhost", false, null)]     // keep.localhost
    [InlineData("127.0.0.1", true, null)]
    [InlineData("[::1]", true, null)]
    [InlineData("s3.test", true, "s3.test")]   // FakeS3:BaseDomain
    [InlineData("s3.test", false, "s3.test")]  // keep.s3.test
    [InlineData("fakes3", true, null)]         // FakeS3:AllowedHosts
    public async Task ServedNames_OnALoopbackListener_ReadAndWrite(string name, bool pathStyle, string? baseDomain)
    {
        await using var host = await StartLoopbackAsync(o =>
        {
            if (baseDomain is not null) o.BaseDomain = baseDomain;
            o.AllowedHosts.Add("fakes3");
        });
        using var clients = new RebindingClients(host.BaseAddress);
        using var s3 = clients.S3($"{name}:{host.BaseAddress.Port}", pathStyle);
        using var http = clients.Http();
        foreach (var attempt in Enum.GetValues<Attempt>())
        {
            var (status, code, message) = await TryAsync(attempt, s3, http);
            Assert.True(code is null, $"{attempt}: {status} {code} {message}");
        }
        Assert.All(host.Requests.Snapshot(), e => Assert.False(e.Rejected, $"{e.Method} {e.Path}: {e.Explanation}"));
    }

    [Theory]
    [InlineData("fakes3")]            // a compose service name
    [InlineData("attacker.example")]  // any name: other hosts reach this listener anyway
    public async Task NonLoopbackListener_AnswersAnyHost(string name)
    {
        var (server, admin) = await AdminTokenTests.StartExposedAsync(new Dictionary<string, string?> { ["FakeS3:Buckets:0"] = Bucket });
        await using var _ = server;
        using var __ = admin;
        using var clients = new RebindingClients(admin.BaseAddress!);
        using var s3 = clients.S3($"{name}:{admin.BaseAddress!.Port}", accessKeyId: TestFakeS3.AccessKey, secret: TestFakeS3.SecretKey);
        using var http = clients.Http();
        foreach (var attempt in new[] { Attempt.PutObject, Attempt.GetObject, Attempt.PostForm, Attempt.ListObjects })
        {
            var (status, code, message) = await TryAsync(attempt, s3, http);
            Assert.True(code is null, $"{attempt}: {status} {code} {message}");
        }
    }
}
