using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json;
using FakeS3.Admin;
using FakeS3.Hosting;
using FakeS3.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FakeS3.Tests.Security;

/// <summary>
/// FakeS3 on real Kestrel bound to a non-loopback address of this machine (or, on a machine without one,
/// to 0.0.0.0 reached through loopback): the admin API wants the token. Loopback listeners stay open.
/// </summary>
public class AdminTokenTests
{
    static IPAddress? NonLoopbackAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));

    /// <summary>Also used by the S3 API's Host tests: a listener other hosts can reach.</summary>
    internal static async Task<(TestFakeS3 Server, HttpClient Client)> StartExposedAsync(IDictionary<string, string?>? settings = null)
    {
        var ip = NonLoopbackAddress();
        var s3 = await TestFakeS3.StartAsync(settings: settings, listenUrl: ip is null ? "http://0.0.0.0:0" : $"http://{ip}:0");
        var address = s3.BaseAddress;
        if (ip is null) address = new UriBuilder(address) { Host = "127.0.0.1" }.Uri;
        else Assert.Equal(ip.ToString(), address.Host); // really reached over the non-loopback address
        return (s3, new HttpClient { BaseAddress = address });
    }

    static HttpRequestMessage Get(string path, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    [Fact]
    public async Task NonLoopbackListener_RefusesAdminCallsWithoutToken_AcceptsTheGeneratedOne()
    {
        var (s3, http) = await StartExposedAsync(new Dictionary<string, string?> { ["FakeS3:Buckets:0"] = "keep" });
        await using var _ = s3;
        using var __ = http;
        using var client = s3.CreateS3Client();
        await client.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = "keep", Key = "a.txt", ContentBody = "x" });

        using (var refused = await http.SendAsync(Get("/_fakes3/requests")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("Bearer", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        }
        using (var wrong = await http.SendAsync(Get("/_fakes3/requests", "not-the-token")))
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var reset = new HttpRequestMessage(HttpMethod.Post, "/_fakes3/reset") { Content = JsonContent.Create(new { }) };
        using (var refusedReset = await http.SendAsync(reset)) Assert.Equal(HttpStatusCode.Unauthorized, refusedReset.StatusCode);
        Assert.NotNull(s3.Services.GetRequiredService<Storage.IObjectStore>().GetObject("keep", "a.txt"));

        var token = s3.Services.GetRequiredService<AdminToken>();
        Assert.False(token.Configured);
        using (var accepted = await http.SendAsync(Get("/_fakes3/requests", token.Value)))
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var authorizedReset = new HttpRequestMessage(HttpMethod.Post, "/_fakes3/reset");
        authorizedReset.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        using (var done = await http.SendAsync(authorizedReset)) Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Null(s3.Services.GetRequiredService<Storage.IObjectStore>().GetObject("keep", "a.txt"));
    }

    [Fact]
    public async Task NonLoopbackListener_AcceptsTheConfiguredToken()
    {
        var (s3, http) = await StartExposedAsync(new Dictionary<string, string?> { ["FakeS3:Admin:Token"] = "configured-token-123" });
        await using var _ = s3;
        using var __ = http;
        using (var refused = await http.SendAsync(Get("/_fakes3/clock"))) Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var accepted = await http.SendAsync(Get("/_fakes3/clock", "configured-token-123"));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task LoopbackListener_StaysOpen_UnlessATokenIsConfigured()
    {
        await using (var open = await TestFakeS3.StartAsync())
        {
            using var http = open.CreateHttpClient();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/_fakes3/clock")).StatusCode);
        }
        await using var locked = await TestFakeS3.StartAsync(settings: new Dictionary<string, string?> { ["FakeS3:Admin:Token"] = "configured-token-123" });
        using var client = locked.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/_fakes3/clock")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Get("/_fakes3/clock", "configured-token-123"))).StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:4568", true)]
    [InlineData("http://localhost:4568", true)]
    [InlineData("http://[::1]:4568", true)]
    [InlineData("http://0.0.0.0:4568", false)]
    [InlineData("http://[::]:4568", false)]
    [InlineData("http://*:4568", false)]
    [InlineData("http://+:4568", false)]
    [InlineData("http://192.0.2.2:4568", false)]
    [InlineData("http://myhost:4568", false)]
    public void ListenAddress_LoopbackOrNot(string address, bool loopback) =>
        Assert.Equal(loopback, ListenerExposure.IsLoopbackAddress(address));

    [Fact]
    public void Banner_PrintsTheGeneratedToken_OnlyWhenListeningBeyondLoopback()
    {
        var options = new Hosting.FakeS3Options();
        var token = new AdminToken(Microsoft.Extensions.Options.Options.Create(options));
        var exposed = Hosting.StartupBanner.Render(options, ["http://0.0.0.0:4568"], "data.db", token);
        Assert.Contains("Authorization: Bearer " + token.Value, exposed);
        var local = Hosting.StartupBanner.Render(options, ["http://127.0.0.1:4568"], "data.db", token);
        Assert.DoesNotContain(token.Value, local);
        Assert.Contains("open: loopback only", local);
        options.Admin.Token = "configured-token-123";
        Assert.DoesNotContain("configured-token-123", Hosting.StartupBanner.Render(options, ["http://0.0.0.0:4568"], "data.db", token));
    }
}
