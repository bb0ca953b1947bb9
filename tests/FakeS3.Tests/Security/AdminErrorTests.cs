using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FakeS3.Testing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FakeS3.Tests.Security;

/// <summary>Every admin failure is JSON with a message (never an empty 500), and admin JSON stays readable.</summary>
public class AdminErrorTests
{
    static string Base64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    static async Task<(HttpStatusCode Status, JsonElement Body)> PostJsonAsync(FakeS3Host host, string path, string json)
    {
        using var response = await host.HttpClient.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    static async Task AssertBadRequestAsync(FakeS3Host host, string path, string json)
    {
        var (status, body) = await PostJsonAsync(host, path, json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Explain_PolicyWithContentLengthRange_IsExplained()
    {
        await using var host = await FakeS3Host.StartAsync(o => o.Buckets.Add("uploads"));
        var policy = Base64("""{"expiration": "2099-01-01T00:00:00Z", "conditions": [["content-length-range", 0, 1048576], {"bucket": "uploads"}, ["starts-with", "$key", "user/"]]}""");
        var (status, body) = await PostJsonAsync(host, "/_fakes3/explain",
            JsonSerializer.Serialize(new { fields = new Dictionary<string, string> { ["key"] = "user/a.txt", ["policy"] = policy } }));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("user/", body.GetProperty("keyPrefix").GetString());
        Assert.Equal(3, body.GetProperty("conditions").GetArrayLength());
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"a string\"")]
    [InlineData("42")]
    [InlineData("""{"expiration": 5, "conditions": [[1, 2, 3], ["eq", 7, "x"], [null], {"key": 1}]}""")]
    [InlineData("""{"expiration": "2099-01-01T00:00:00Z", "conditions": [["starts-with", "$key", 5], ["eq", "$bucket", {"x": 1}]]}""")]
    [InlineData("""{"expiration": "2099-01-01T00:00:00Z", "conditions": "none"}""")]
    public async Task Explain_OddPolicies_AreExplainedNotCrashed(string policyJson)
    {
        await using var host = await FakeS3Host.StartAsync();
        var fields = new Dictionary<string, string>
        {
            ["key"] = "k", ["policy"] = Base64(policyJson), ["x-amz-algorithm"] = "AWS4-HMAC-SHA256",
            ["x-amz-credential"] = "fakes3/20990101/us-east-1/s3/aws4_request", ["x-amz-date"] = "20990101T000000Z", ["x-amz-signature"] = new string('0', 64),
        };
        var (status, body) = await PostJsonAsync(host, "/_fakes3/explain", JsonSerializer.Serialize(new { fields }));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.GetProperty("accepted").GetBoolean());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("reason").GetString()));
    }

    [Theory]
    [InlineData("X-Amz-Date=99991231T235959Z&X-Amz-Expires=604800")]
    [InlineData("X-Amz-Date=00010101T000000Z&X-Amz-Expires=-9223372036854775808")]
    [InlineData("X-Amz-Date=20300101T000000Z&X-Amz-Expires=9223372036854775807")]
    public async Task Explain_UrlWithOutOfRangeExpiry_IsExplained(string times)
    {
        await using var host = await FakeS3Host.StartAsync();
        var url = "http://localhost/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=fakes3%2F20300101%2Fus-east-1%2Fs3%2Faws4_request&"
            + times + "&X-Amz-SignedHeaders=host&X-Amz-Signature=" + new string('0', 64);
        var (status, body) = await PostJsonAsync(host, "/_fakes3/explain", JsonSerializer.Serialize(new { url, method = "GET" }));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.GetProperty("accepted").GetBoolean());
    }

    [Theory]
    [InlineData("Expires=253402300800&AWSAccessKeyId=fakes3&Signature=abc")]
    [InlineData("Expires=-99999999999999&AWSAccessKeyId=fakes3&Signature=abc")]
    public async Task Explain_SigV2UrlWithOutOfRangeExpires_IsExplained(string query)
    {
        await using var host = await FakeS3Host.StartAsync();
        var (status, _) = await PostJsonAsync(host, "/_fakes3/explain", JsonSerializer.Serialize(new { url = "http://localhost/b/k?" + query }));
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [InlineData("/_fakes3/explain", "{")]
    [InlineData("/_fakes3/explain", "")]
    [InlineData("/_fakes3/explain", "[]")]
    [InlineData("/_fakes3/explain", """{"url": 5}""")]
    [InlineData("/_fakes3/explain", """{"fields": {"policy": 1}}""")]
    [InlineData("/_fakes3/explain", """{"url": "ftp://x/y"}""")]
    [InlineData("/_fakes3/clock", "null")]
    [InlineData("/_fakes3/clock", """{"advanceSeconds": 1e300}""")]
    [InlineData("/_fakes3/clock", """{"advanceSeconds": -1e12}""")]
    [InlineData("/_fakes3/clock", """{"advanceSeconds": 400000000000}""")]
    [InlineData("/_fakes3/clock", """{"advanceSeconds": "NaN"}""")]
    [InlineData("/_fakes3/clock", """{"advanceSeconds": "-Infinity"}""")]
    [InlineData("/_fakes3/clock", """{"time": "9999-12-31T23:59:59Z"}""")]
    [InlineData("/_fakes3/clock", """{"time": "0001-01-01T00:00:00Z"}""")]
    [InlineData("/_fakes3/clock", """{"time": "1969-12-31T23:59:59Z"}""")]
    [InlineData("/_fakes3/clock", """{"time": "not a time"}""")]
    public async Task BadBodies_Are400WithAMessage(string path, string json)
    {
        await using var host = await FakeS3Host.StartAsync();
        await AssertBadRequestAsync(host, path, json);
        Assert.Equal(Clock.FakeS3ClockMode.Real, host.Clock.Mode);
    }

    [Fact]
    public async Task Clock_CannotBePushedPastTheEnd_BySteps()
    {
        await using var host = await FakeS3Host.StartAsync();
        var (status, _) = await PostJsonAsync(host, "/_fakes3/clock", """{"time": "9998-12-31T00:00:00Z"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        await AssertBadRequestAsync(host, "/_fakes3/clock", """{"advanceSeconds": 31622400}""");
        Assert.Equal(new DateTimeOffset(9998, 12, 31, 0, 0, 0, TimeSpan.Zero), host.Clock.GetUtcNow());
        // at the edge of the range, S3 requests are still answered (the URL is simply expired), never a 500
        using var s3 = host.CreateS3Client();
        var url = "/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=fakes3%2F20300101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20300101T000000Z&X-Amz-Expires=604800&X-Amz-SignedHeaders=host&X-Amz-Signature=" + new string('0', 64);
        using var response = await host.HttpClient.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Clock_CurlFormContentType_IsAJsonRefusalNotA500()
    {
        await using var host = await FakeS3Host.StartAsync();
        // curl -d '{"advanceSeconds":3600}' sends application/x-www-form-urlencoded
        using var response = await host.HttpClient.PostAsync("/_fakes3/clock",
            new StringContent("""{"advanceSeconds":3600}""", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("Content-Type: application/json", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(Clock.FakeS3ClockMode.Real, host.Clock.Mode);
    }

    [Fact]
    public async Task AdminJson_KeepsQuotesAndAmpersandsReadable()
    {
        await using var host = await FakeS3Host.StartAsync();
        await host.HttpClient.GetAsync("/b/k?a=1&b=2");
        var log = await host.HttpClient.GetStringAsync("/_fakes3/requests");
        Assert.Contains("/b/k?a=1&b=2", log);
        using var refused = await host.HttpClient.PostAsync("/_fakes3/clock", new StringContent("{}", Encoding.UTF8, "application/json"));
        var error = await refused.Content.ReadAsStringAsync();
        Assert.Contains("""{\"advanceSeconds\": N}""", error);
        Assert.DoesNotContain("\\u0026", log + error);
        Assert.DoesNotContain("\\u0022", log + error);
    }

    sealed class BrokenClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => throw new InvalidOperationException("clock unplugged");
    }

    [Fact]
    public async Task UnexpectedFailure_IsAJson500WithAMessage()
    {
        await using var host = await FakeS3Host.StartAsync(configureServices: s =>
            s.Replace(Microsoft.Extensions.DependencyInjection.ServiceDescriptor.Singleton<TimeProvider>(new BrokenClock())));
        using var response = await host.HttpClient.PostAsync("/_fakes3/explain",
            new StringContent("""{"url": "http://localhost/b/k?X-Amz-Date=20300101T000000Z"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("clock unplugged", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }
}
