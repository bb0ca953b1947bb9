using System.Net;
using System.Xml;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Http;

/// <summary>
/// Issue 12: answers that were 500s, malformed XML or not what S3 answers — extreme dates, header injection through
/// response-* overrides, control characters echoed into XML, S3-sized request lines and header counts, bucket
/// re-creation per region, ListBuckets paging arguments.
/// </summary>
public sealed class EdgeAnswerTests
{
    /// <summary>FakeS3 on Kestrel with the bucket "edge-answers" (default settings), an SDK client and an HttpClient.</summary>
    sealed class Edge(TestFakeS3 server, AmazonS3Client client, HttpClient http) : IAsyncDisposable
    {
        public TestFakeS3 Server { get; } = server;
        public AmazonS3Client Client { get; } = client;
        public HttpClient Http { get; } = http;

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            Client.Dispose();
            await Server.DisposeAsync();
        }
    }

    static async Task<Edge> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var s3 = await TestFakeS3.StartAsync(settings: settings);
        var client = s3.CreateS3Client();
        if (settings is null) await client.PutBucketAsync("edge-answers");
        return new Edge(s3, client, s3.CreateHttpClient());
    }

    static Task<string> PresignGet(AmazonS3Client client, string key, ResponseHeaderOverrides? overrides = null) =>
        client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = "edge-answers", Key = key, Verb = HttpVerb.GET, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(5),
            ResponseHeaderOverrides = overrides ?? new ResponseHeaderOverrides(),
        });

    /// <summary>XML 1.0 forbids raw control characters; S3 writes them as character references, which a parser reads back.</summary>
    static XmlDocument ParseS3Xml(string xml)
    {
        var doc = new XmlDocument();
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { CheckCharacters = false });
        doc.Load(reader);
        return doc;
    }

    [Fact]
    public async Task PresignedDateAtTheEndOfTime_403NotYetValid_Not500()
    {
        await using var edge = await StartAsync();
        var (s3, client, http) = (edge.Server, edge.Client, edge.Http);
        var url = await PresignGet(client, "k");
        var amzDate = System.Text.RegularExpressions.Regex.Match(url, "X-Amz-Date=([0-9TZ]+)").Groups[1].Value;
        // The credential scope's date must match X-Amz-Date, or the parser rejects the URL before any date arithmetic.
        using var response = await http.GetAsync(url.Replace(amzDate, "99991231T235959Z").Replace("%2F" + amzDate[..8] + "%2F", "%2F99991231%2F"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("<Code>AccessDenied</Code><Message>Request is not yet valid</Message>", body);
    }

    [Theory]
    [InlineData("text/plain\r\nX-Injected: 1", "response-content-type")]
    [InlineData("\0", "response-cache-control")]
    public async Task ResponseOverrideWithControlCharacter_400InvalidArgument(string value, string parameter)
    {
        await using var edge = await StartAsync();
        var (s3, client, http) = (edge.Server, edge.Client, edge.Http);
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "edge-answers", Key = "k", ContentBody = "body" });
        var overrides = parameter == "response-content-type" ? new ResponseHeaderOverrides { ContentType = value } : new ResponseHeaderOverrides { CacheControl = value };
        using var response = await http.GetAsync(await PresignGet(client, "k", overrides));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = ParseS3Xml(body);
        Assert.Equal("InvalidArgument", error.SelectSingleNode("/Error/Code")?.InnerText);
        Assert.Equal(parameter, error.SelectSingleNode("/Error/ArgumentName")?.InnerText);
        Assert.Equal(value.Replace("\r\n", "\n"), error.SelectSingleNode("/Error/ArgumentValue")?.InnerText.Replace("\r\n", "\n"));
        Assert.False(response.Headers.Contains("X-Injected"));
    }

    [Fact]
    public async Task LatinOneResponseOverride_WrittenAsIso88591_Not500()
    {
        await using var edge = await StartAsync();
        var (s3, client, http) = (edge.Server, edge.Client, edge.Http);
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "edge-answers", Key = "k", ContentBody = "body" });
        using var response = await http.GetAsync(await PresignGet(client, "k", new ResponseHeaderOverrides { ContentDisposition = "attachment; filename=caf\u00e9.txt" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment; filename=caf\u00e9.txt", string.Join("", response.Content.Headers.GetValues("Content-Disposition")));
    }

    [Fact]
    public async Task ControlCharactersInKeys_EscapedInErrorsAndListings()
    {
        await using var edge = await StartAsync();
        var (s3, client, http) = (edge.Server, edge.Client, edge.Http);
        var key = "nokey\u0001x\u001fy\rz";
        using (var missing = await http.GetAsync(await PresignGet(client, key)))
        {
            var body = await missing.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Contains("<Key>nokey&#x1;x&#x1F;y&#13;z</Key>", body);
            Assert.False(body.Contains('\u0001'), body);
            Assert.Equal(key, ParseS3Xml(body).SelectSingleNode("/Error/Key")?.InnerText);
        }
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "edge-answers", Key = key, ContentBody = "x" });
        var listUrl = await client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = "edge-answers", Verb = HttpVerb.GET, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(5),
            Parameters = { ["list-type"] = "2" },
        });
        var listing = await http.GetStringAsync(listUrl);
        Assert.Contains("<Key>nokey&#x1;x&#x1F;y&#13;z</Key>", listing);
        Assert.Equal(key, ParseS3Xml(listing).GetElementsByTagName("Key")[0]?.InnerText);
    }

    [Fact]
    public async Task LongRequestLineAndManyHeaders_AnsweredByS3NotKestrel()
    {
        await using var edge = await StartAsync();
        var (s3, client, http) = (edge.Server, edge.Client, edge.Http);
        // A long key of 3-byte characters, percent-encoded (2.7 KiB), plus a presigned query with a response-* override:
        // over Kestrel's 8 KiB default request line, well within what S3 serves.
        var key = string.Concat(Enumerable.Repeat("\u20ac", 300));
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "edge-answers", Key = key, ContentBody = "long" });
        var url = await PresignGet(client, key, new ResponseHeaderOverrides { ContentDisposition = "attachment; filename=" + new string('f', 6000) });
        Assert.True(new Uri(url).PathAndQuery.Length > 8192);
        Assert.Equal("long", await http.GetStringAsync(url));

        var many = new HttpRequestMessage(HttpMethod.Get, "/edge-answers/k");
        for (var i = 0; i < 150; i++) many.Headers.TryAddWithoutValidation($"x-extra-{i}", "v");
        using var response = await http.SendAsync(many);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode); // anonymous: S3's AccessDenied, not a bare 431
        Assert.Contains("<Code>AccessDenied</Code>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RecreateOwnBucket_UsEast1_200AndAclReset()
    {
        await using var edge = await StartAsync();
        var (s3, client, http) = (edge.Server, edge.Client, edge.Http);
        await client.PutBucketAsync(new PutBucketRequest { BucketName = "acl-reset", CannedACL = S3CannedACL.PublicRead });
        var again = await client.PutBucketAsync("acl-reset");
        Assert.Equal(HttpStatusCode.OK, again.HttpStatusCode);
        var acl = await client.GetBucketAclAsync(new GetBucketAclRequest { BucketName = "acl-reset" });
        Assert.Single(acl.Grants); // back to private: the owner's FULL_CONTROL only
    }

    [Fact]
    public async Task RecreateOwnBucket_OtherRegion_409BucketAlreadyOwnedByYou()
    {
        await using var edge = await StartAsync(new Dictionary<string, string?> { ["FakeS3:Region"] = "eu-west-1" });
        var s3 = edge.Server;
        using var client = new AmazonS3Client(new BasicAWSCredentials(TestFakeS3.AccessKey, TestFakeS3.SecretKey),
            new AmazonS3Config { ServiceURL = s3.BaseAddress.ToString(), ForcePathStyle = true, AuthenticationRegion = "eu-west-1" });
        var create = new PutBucketRequest { BucketName = "mine-eu", UseClientRegion = false };
        await client.PutBucketAsync(create);
        var e = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.PutBucketAsync(new PutBucketRequest { BucketName = "mine-eu", UseClientRegion = false }));
        Assert.Equal(HttpStatusCode.Conflict, e.StatusCode);
        Assert.Equal("BucketAlreadyOwnedByYou", e.ErrorCode);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(10001, null)]
    [InlineData(null, "not-a-token")]
    public async Task ListBucketsBadPagingArgument_400InvalidArgument(int? maxBuckets, string? token)
    {
        await using var edge = await StartAsync();
        var (s3, client, http) = (edge.Server, edge.Client, edge.Http);
        var request = new ListBucketsRequest { ContinuationToken = token };
        if (maxBuckets is { } max) request.MaxBuckets = max;
        var e = await Assert.ThrowsAsync<AmazonS3Exception>(() => client.ListBucketsAsync(request));
        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Equal("InvalidArgument", e.ErrorCode);
    }

    public static TheoryData<string, int, string> KestrelRefusals() => new()
    {
        { "GET /edge-answers/obj%00t HTTP/1.1\r\nHost: x\r\n\r\n", 400, "BadRequest" },
        { "GET /edge-answers/k HTTP/1.7\r\nHost: x\r\n\r\n", 505, "HttpVersionNotSupported" },
        { "GET /edge-answers/k HTTP/1.1\r\nHost: x\r\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"x-h{i}: v\r\n")) + "\r\n", 400, "RequestHeaderSectionTooLarge" },
        { "GET /edge-answers/" + new string('k', 70 * 1024) + " HTTP/1.1\r\nHost: x\r\n\r\n", 400, "BadRequest" },
        { "GET /edge-answers/k HTTP/1.1\r\nHost: x\r\nBad Header: v\r\n\r\n", 400, "BadRequest" },
    };

    /// <summary>Requests Kestrel refuses before FakeS3 sees them still get S3's XML error, then the connection closes.</summary>
    [Theory]
    [MemberData(nameof(KestrelRefusals))]
    public async Task RequestKestrelRefuses_AnsweredWithS3XmlError(string raw, int status, string code)
    {
        await using var edge = await StartAsync();
        var (s3, client, http) = (edge.Server, edge.Client, edge.Http);
        await using var c = await RawHttpConnection.OpenAsync(s3.BaseAddress);
        await c.SendAsync(raw);
        var answer = await c.ReadResponseAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(answer);
        Assert.Equal(status, answer.Status);
        Assert.Equal(code, ParseS3Xml(answer.Text).SelectSingleNode("/Error/Code")?.InnerText);
        Assert.NotNull(answer.Header("x-amz-request-id"));
        Assert.True(answer.ClosesConnection);
    }

    /// <summary>
    /// A refused request is in the request log with its method, target (signature redacted), status and code. The
    /// request line comes from an AWSSDK.S3 presigned URL; the refusal is a bad HTTP version, which no client sends.
    /// </summary>
    [Fact]
    public async Task RequestKestrelRefuses_IsRecordedInTheRequestLog_Redacted()
    {
        await using var edge = await StartAsync();
        var (s3, client, http) = (edge.Server, edge.Client, edge.Http);
        var url = new Uri(await PresignGet(client, "k"));
        var signature = System.Text.RegularExpressions.Regex.Match(url.Query, "X-Amz-Signature=([0-9a-f]{64})").Groups[1].Value;
        Assert.NotEmpty(signature);
        await using (var c = await RawHttpConnection.OpenAsync(s3.BaseAddress))
        {
            await c.SendAsync($"GET {url.PathAndQuery} HTTP/1.7\r\nHost: x\r\n\r\n");
            Assert.Equal(505, (await c.ReadResponseAsync(TimeSpan.FromSeconds(10)))?.Status);
        }
        await using (var c = await RawHttpConnection.OpenAsync(s3.BaseAddress))
        {
            await c.SendAsync("PUT /edge-answers/too-many HTTP/1.1\r\nHost: x\r\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"x-h{i}: v\r\n")) + "\r\n");
            Assert.Equal(400, (await c.ReadResponseAsync(TimeSpan.FromSeconds(10)))?.Status);
        }

        var log = await http.GetStringAsync("/_fakes3/requests");
        using var doc = System.Text.Json.JsonDocument.Parse(log);
        var entries = doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Array ? doc.RootElement : doc.RootElement.GetProperty("requests");
        var byCode = entries.EnumerateArray().Where(e => e.TryGetProperty("errorCode", out var code) && code.ValueKind == System.Text.Json.JsonValueKind.String)
            .ToDictionary(e => e.GetProperty("errorCode").GetString()!, e => e);
        var version = byCode["HttpVersionNotSupported"];
        Assert.Equal(505, version.GetProperty("status").GetInt32());
        Assert.Equal("GET", version.GetProperty("method").GetString());
        Assert.StartsWith("/edge-answers/k?", version.GetProperty("path").GetString());
        var headers = byCode["RequestHeaderSectionTooLarge"];
        Assert.Equal(400, headers.GetProperty("status").GetInt32());
        Assert.Equal("PUT", headers.GetProperty("method").GetString());
        Assert.Equal("/edge-answers/too-many", headers.GetProperty("path").GetString());
        Assert.DoesNotContain(signature, log);
    }
}
