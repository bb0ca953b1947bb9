using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.S3.Model;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Faults;

/// <summary>/_fakes3/faults: list, add, get one, delete one, clear; validation; counters.</summary>
public sealed class FaultAdminApiTests
{
    [Fact]
    public async Task AddListGetDeleteClear()
    {
        await using var s3 = await TestFakeS3.StartAsync(kestrel: false);
        using var http = s3.CreateHttpClient();

        var added = await http.PostAsJsonAsync("/_fakes3/faults", new { operation = "putobject", error = "slowdown", times = 2 });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var rule = await added.Content.ReadFromJsonAsync<JsonElement>();
        var id = rule.GetProperty("id").GetString()!;
        Assert.Equal("/_fakes3/faults/" + id, added.Headers.Location?.ToString());
        // Stored in S3's spelling, with its counters.
        Assert.Equal("PutObject", rule.GetProperty("operation").GetString());
        Assert.Equal("SlowDown", rule.GetProperty("error").GetString());
        Assert.Equal(0, rule.GetProperty("hits").GetInt64());

        var second = await http.PostAsJsonAsync("/_fakes3/faults", new { id = "slow-gets", operation = "GetObject", latencyMs = 10 });
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var list = await http.GetFromJsonAsync<JsonElement>("/_fakes3/faults");
        Assert.Equal([id, "slow-gets"], list.EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        var one = await http.GetFromJsonAsync<JsonElement>("/_fakes3/faults/slow-gets");
        Assert.Equal(10, one.GetProperty("latencyMs").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync("/_fakes3/faults/slow-gets")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.DeleteAsync("/_fakes3/faults/slow-gets")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/_fakes3/faults/slow-gets")).StatusCode);
        Assert.Single((await http.GetFromJsonAsync<JsonElement>("/_fakes3/faults")).EnumerateArray());

        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync("/_fakes3/faults")).StatusCode);
        Assert.Empty((await http.GetFromJsonAsync<JsonElement>("/_fakes3/faults")).EnumerateArray());
        Assert.Null(s3.Faults().List().FirstOrDefault());
    }

    [Fact]
    public async Task Get_ShowsHitsAndMatchedPerRule()
    {
        await using var s3 = await TestFakeS3.StartAsync(kestrel: false);
        using var http = s3.CreateHttpClient();
        using var client = s3.CreateS3Client(configure: c => c.MaxErrorRetry = 0);
        await client.PutBucketAsync("counted");
        await http.PostAsJsonAsync("/_fakes3/faults", new { id = "every-2nd", operation = "PutObject", every = 2, error = "InternalError" });

        var failures = 0;
        for (var i = 0; i < 5; i++)
        {
            try { await client.PutObjectAsync(new PutObjectRequest { BucketName = "counted", Key = "k" + i, ContentBody = "x" }); }
            catch (Amazon.S3.AmazonS3Exception e) when (e.ErrorCode == "InternalError") { failures++; }
        }

        var rule = await http.GetFromJsonAsync<JsonElement>("/_fakes3/faults/every-2nd");
        Assert.Equal((5, 2, 2), (rule.GetProperty("matched").GetInt64(), rule.GetProperty("hits").GetInt64(), failures));
        Assert.False(rule.GetProperty("exhausted").GetBoolean());
    }

    [Theory]
    [InlineData("""{"operation":"PutObject","error":"NoSuchThing"}""", "Error 'NoSuchThing' is not one of")]
    [InlineData("""{"operation":"PutObjekt","error":"SlowDown"}""", "Operation 'PutObjekt' is not an S3 operation")]
    [InlineData("""{"operation":"PutObject"}""", "a rule needs at least one effect")]
    [InlineData("""{"opration":"PutObject","error":"SlowDown"}""", "opration")]
    [InlineData("""{"operation":"PutObject","resetAfterBytes":10}""", "GET responses only")]
    [InlineData("""{"error":"SlowDown","every":2,"probability":0.5}""", "Every and Probability exclude each other")]
    [InlineData("""{"error":"SlowDown","resetConnection":true}""", "exclude each other")]
    [InlineData("""{"error":"SlowDown","latencyMs":300001}""", "LatencyMs must be between 0 and 300000")]
    [InlineData("""{"id":"a/b","error":"SlowDown"}""", "Id 'a/b' must be")]
    [InlineData("""not json""", "not valid JSON")]
    public async Task Post_InvalidRule_400NamesTheProblem_AndAddsNothing(string body, string expected)
    {
        await using var s3 = await TestFakeS3.StartAsync(kestrel: false);
        using var http = s3.CreateHttpClient();

        var response = await http.PostAsync("/_fakes3/faults", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Empty(s3.Faults().List());
    }

    [Fact]
    public async Task Post_NotJson_415()
    {
        await using var s3 = await TestFakeS3.StartAsync(kestrel: false);
        using var http = s3.CreateHttpClient();
        var response = await http.PostAsync("/_fakes3/faults", new StringContent("""{"error":"SlowDown"}""", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(s3.Faults().List());
    }

    [Fact]
    public async Task Post_TakenId_400()
    {
        await using var s3 = await TestFakeS3.StartAsync(kestrel: false);
        using var http = s3.CreateHttpClient();
        await http.PostAsJsonAsync("/_fakes3/faults", new { id = "one", error = "SlowDown" });

        var again = await http.PostAsJsonAsync("/_fakes3/faults", new { id = "one", error = "InternalError" });

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("SlowDown", Assert.Single(s3.Faults().List()).Rule.Error);
    }

    [Theory]
    [InlineData("PUT", "/_fakes3/faults")]
    [InlineData("POST", "/_fakes3/faults/f1")]
    public async Task WrongMethod_405(string method, string path)
    {
        await using var s3 = await TestFakeS3.StartAsync(kestrel: false);
        using var http = s3.CreateHttpClient();
        var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), // the admin guard wants JSON for changes
        });
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Theory]
    [InlineData("POST", "application/json")]
    [InlineData("POST", "text/plain")]
    [InlineData("DELETE", null)]
    public async Task FromAForeignWebPage_IsRefusedByTheAdminGuard_RulesUnchanged(string method, string? contentType)
    {
        await using var host = await FakeS3.Testing.FakeS3Host.StartAsync();
        using var kept = host.Faults.Add(new FakeS3.Faults.FaultRule { Id = "kept", Error = "SlowDown", Times = 1 });
        var request = new HttpRequestMessage(new HttpMethod(method), "/_fakes3/faults");
        if (contentType is not null) request.Content = new StringContent("""{"error":"InternalError"}""", System.Text.Encoding.UTF8, contentType);
        request.Headers.Add("Origin", "http://evil.example");

        using var response = await host.HttpClient.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(["kept"], host.Faults.List().Select(r => r.Rule.Id));
    }

    [Fact]
    public async Task Configuration_InvalidRule_StopsStartupNamingTheKey()
    {
        var e = await Assert.ThrowsAnyAsync<Exception>(() => TestFakeS3.StartAsync(kestrel: false, settings: new Dictionary<string, string?>
        {
            ["FakeS3:Faults:0:Operation"] = "PutObject",
            ["FakeS3:Faults:0:Error"] = "Teapot",
        }));
        Assert.Contains("FakeS3:Faults:0:Error 'Teapot'", e.Message);
    }
}
