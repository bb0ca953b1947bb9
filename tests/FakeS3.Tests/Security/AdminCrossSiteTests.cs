using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amazon.S3.Model;
using FakeS3.Storage;
using FakeS3.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FakeS3.Tests.Security;

/// <summary>What a web page the developer visits could do to the admin API, and what it gets.</summary>
public class AdminCrossSiteTests
{
    static async Task<FakeS3Host> StartWithObjectAsync(Action<Hosting.FakeS3Options>? configure = null)
    {
        var host = await FakeS3Host.StartAsync(o =>
        {
            o.Buckets.Add("keep");
            configure?.Invoke(o);
        });
        using var s3 = host.CreateS3Client();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "keep", Key = "a.txt", ContentBody = "precious" });
        return host;
    }

    static void AssertNothingDeleted(FakeS3Host host) =>
        Assert.NotNull(host.Services.GetRequiredService<IObjectStore>().GetObject("keep", "a.txt"));

    static async Task<string> ErrorMessageAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
        Assert.False(string.IsNullOrEmpty(message));
        return message!;
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json")] // even a preflighted request is refused by its Origin
    public async Task ResetFromAForeignOrigin_IsRefused_AndNothingIsDeleted(string contentType)
    {
        await using var host = await StartWithObjectAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/_fakes3/reset") { Content = new StringContent("{}", Encoding.UTF8, contentType) };
        request.Headers.Add("Origin", "http://evil.example");
        using var response = await host.HttpClient.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Origin", await ErrorMessageAsync(response));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        AssertNothingDeleted(host);
    }

    [Theory]
    [InlineData(null)]             // fetch(url, {method: "POST", mode: "no-cors"}): no body, no content type
    [InlineData("text/plain")]     // a form or no-cors fetch from a browser that sends no Origin
    [InlineData("multipart/form-data; boundary=x")]
    public async Task SimplePostReset_WithoutOrigin_IsRefused_AndNothingIsDeleted(string? contentType)
    {
        await using var host = await StartWithObjectAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/_fakes3/reset");
        if (contentType is not null) request.Content = new StringContent("", Encoding.UTF8, contentType.Split(';')[0]);
        using var response = await host.HttpClient.SendAsync(request);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", await ErrorMessageAsync(response));
        AssertNothingDeleted(host);
    }

    [Theory]
    [InlineData("cross-site")]
    [InlineData("same-site")]
    public async Task CrossSiteFetchMetadata_IsRefused(string site)
    {
        await using var host = await StartWithObjectAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/_fakes3/requests");
        request.Headers.Add("Sec-Fetch-Site", site);
        using var response = await host.HttpClient.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await ErrorMessageAsync(response);
    }

    [Theory]
    [InlineData("GET", "/_fakes3/requests")]
    [InlineData("GET", "/_fakes3/clock")]
    [InlineData("POST", "/_fakes3/reset")]
    [InlineData("POST", "/_fakes3/anything-added-later")]
    public async Task RebindingHost_IsRefused_OnEveryAdminPath(string method, string path)
    {
        await using var host = await StartWithObjectAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };
        request.Headers.Host = "attacker.example:4568";
        using var response = await host.HttpClient.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("attacker.example", await ErrorMessageAsync(response));
        AssertNothingDeleted(host);
    }

    [Theory]
    [InlineData("localhost", null)]
    [InlineData("127.0.0.1:4568", null)]
    [InlineData("[::1]:4568", null)]
    [InlineData("s3.test:9000", "s3.test")]
    [InlineData("fakes3:4568", null)]
    public async Task ServedNames_AreAnswered(string hostHeader, string? baseDomain)
    {
        await using var host = await FakeS3Host.StartAsync(o =>
        {
            if (baseDomain is not null) o.BaseDomain = baseDomain;
            o.AllowedHosts.Add("fakes3");
        });
        var request = new HttpRequestMessage(HttpMethod.Get, "/_fakes3/clock");
        request.Headers.Host = hostHeader;
        using var response = await host.HttpClient.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SameOriginPage_AndCurlStyleJsonCalls_AreAnswered()
    {
        await using var host = await StartWithObjectAsync();
        var sameOrigin = new HttpRequestMessage(HttpMethod.Post, "/_fakes3/clock") { Content = JsonContent.Create(new { advanceSeconds = 60 }) };
        sameOrigin.Headers.Add("Origin", "http://localhost");
        sameOrigin.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.OK, (await host.HttpClient.SendAsync(sameOrigin)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await host.HttpClient.DeleteAsync("/_fakes3/requests")).StatusCode);
        (await host.HttpClient.PostAsync("/_fakes3/reset", JsonContent.Create(new { }))).EnsureSuccessStatusCode();
        Assert.Null(host.Services.GetRequiredService<IObjectStore>().GetObject("keep", "a.txt"));
    }

    [Fact]
    public async Task Preflight_GetsNoCorsGrant()
    {
        await using var host = await StartWithObjectAsync();
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/_fakes3/reset");
        preflight.Headers.Add("Origin", "http://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        using var response = await host.HttpClient.SendAsync(preflight);
        Assert.False(response.IsSuccessStatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
