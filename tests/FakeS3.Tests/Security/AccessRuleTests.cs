using System.Net;
using System.Xml.Linq;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Testing;

namespace FakeS3.Tests.Security;

/// <summary>S3's access rules for unsigned requests and for signatures that do not cover host.</summary>
public class AccessRuleTests
{
    static async Task<FakeS3Host> StartAsync()
    {
        var host = await FakeS3Host.StartAsync(o =>
        {
            o.Buckets.AddRange(["readable", "writable", "closed"]);
            o.BucketAcls["readable"] = "public-read";
            o.BucketAcls["writable"] = "public-read-write";
        });
        using var s3 = host.CreateS3Client();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "readable", Key = "private.txt", ContentBody = "secret" });
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "readable", Key = "public.txt", ContentBody = "everyone", CannedACL = S3CannedACL.PublicRead });
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "closed", Key = "k", ContentBody = "closed" });
        return host;
    }

    static async Task<(HttpStatusCode, string?)> SendAsync(FakeS3Host host, HttpMethod method, string path, HttpContent? content = null)
    {
        using var response = await host.HttpClient.SendAsync(new HttpRequestMessage(method, path) { Content = content });
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : XDocument.Parse(text).Root?.Element("Code")?.Value);
    }

    [Fact]
    public async Task PublicReadBucket_GrantsAnonymousListingOnly_ObjectsFollowTheirOwnAcl()
    {
        await using var host = await StartAsync();
        Assert.Equal((HttpStatusCode.Forbidden, "AccessDenied"), await SendAsync(host, HttpMethod.Get, "/readable/private.txt"));
        Assert.Equal((HttpStatusCode.Forbidden, null), await SendAsync(host, HttpMethod.Head, "/readable/private.txt"));
        Assert.Equal("everyone", await host.HttpClient.GetStringAsync("/readable/public.txt"));
        var listing = await host.HttpClient.GetStringAsync("/readable?list-type=2");
        Assert.Contains("<Key>private.txt</Key>", listing);
        // the requester may list, so S3 tells it the key is missing
        Assert.Equal((HttpStatusCode.NotFound, "NoSuchKey"), await SendAsync(host, HttpMethod.Get, "/readable/missing.txt"));
        Assert.Equal((HttpStatusCode.Forbidden, "AccessDenied"), await SendAsync(host, HttpMethod.Get, "/closed/missing.txt"));
        Assert.Equal((HttpStatusCode.Forbidden, "AccessDenied"), await SendAsync(host, HttpMethod.Put, "/readable/new.txt", new StringContent("x")));
        Assert.Equal((HttpStatusCode.Forbidden, "AccessDenied"), await SendAsync(host, HttpMethod.Delete, "/readable/public.txt"));
    }

    [Fact]
    public async Task PublicReadWriteBucket_LetsAnonymousUsersPutObjects()
    {
        await using var host = await StartAsync();
        var (status, _) = await SendAsync(host, HttpMethod.Put, "/writable/anon.txt", new StringContent("from anyone"));
        Assert.Equal(HttpStatusCode.OK, status);
        using var s3 = host.CreateS3Client();
        using var read = await s3.GetObjectAsync("writable", "anon.txt");
        Assert.Equal("from anyone", await new StreamReader(read.ResponseStream).ReadToEndAsync());
        Assert.Equal((HttpStatusCode.Forbidden, "AccessDenied"), await SendAsync(host, HttpMethod.Put, "/closed/anon.txt", new StringContent("x")));
    }

    [Theory]
    [InlineData("GET", "/no-such-bucket/k")]
    [InlineData("HEAD", "/no-such-bucket/k")]
    [InlineData("PUT", "/no-such-bucket/k")]
    [InlineData("DELETE", "/no-such-bucket/k")]
    [InlineData("GET", "/no-such-bucket")]
    [InlineData("DELETE", "/no-such-bucket")]
    [InlineData("POST", "/no-such-bucket")]
    public async Task AnonymousRequest_ForAMissingBucket_IsNoSuchBucket(string method, string path)
    {
        await using var host = await StartAsync();
        HttpContent? content = method switch
        {
            "PUT" => new StringContent("x"),
            "POST" => HarnessForm(),
            _ => null,
        };
        var (status, code) = await SendAsync(host, new HttpMethod(method), path, content);
        Assert.Equal(HttpStatusCode.NotFound, status);
        if (method != "HEAD") Assert.Equal("NoSuchBucket", code);
    }

    static MultipartFormDataContent HarnessForm()
    {
        var form = new MultipartFormDataContent { { new StringContent("k"), "key" } };
        form.Add(new ByteArrayContent("x"u8.ToArray()), "file", "f.txt");
        return form;
    }

    [Fact]
    public async Task AnonymousListBuckets_IsAccessDenied()
    {
        await using var host = await StartAsync();
        Assert.Equal((HttpStatusCode.Forbidden, "AccessDenied"), await SendAsync(host, HttpMethod.Get, "/"));
    }

    [Fact]
    public async Task PresignedUrl_WithoutHostInSignedHeaders_IsRefusedWithHeadersNotSigned()
    {
        await using var host = await StartAsync();
        var o = host.Options.EffectiveCredentials[0];
        var now = host.Clock.GetUtcNow();
        // control: the independent signer is right (host signed → 200)
        var good = IndependentSigV4.PresignedTarget("GET", "/closed/k", new Dictionary<string, string> { ["host"] = "localhost" }, o.AccessKeyId, o.SecretAccessKey, now);
        Assert.Equal("closed", await host.HttpClient.GetStringAsync(good));

        var hostless = IndependentSigV4.PresignedTarget("GET", "/closed/k", new Dictionary<string, string> { ["accept"] = "*/*" }, o.AccessKeyId, o.SecretAccessKey, now);
        var request = new HttpRequestMessage(HttpMethod.Get, hostless);
        request.Headers.Add("Accept", "*/*");
        using var response = await host.HttpClient.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("AccessDenied", error.Element("Code")?.Value);
        Assert.Equal("There were headers present in the request which were not signed", error.Element("Message")?.Value);
        Assert.Equal("host", error.Element("HeadersNotSigned")?.Value);
    }

    [Fact]
    public async Task HeaderSignature_WithoutHost_CannotBeReplayedAgainstAnotherVirtualHost()
    {
        await using var host = await StartAsync();
        var o = host.Options.EffectiveCredentials[0];
        var now = host.Clock.GetUtcNow();
        HttpRequestMessage Signed(string hostHeader, bool signHost)
        {
            var headers = new Dictionary<string, string>
            {
                ["x-amz-date"] = IndependentSigV4.AmzDate(now), ["x-amz-content-sha256"] = IndependentSigV4.PayloadHashOfEmptyBody,
            };
            if (signHost) headers["host"] = hostHeader;
            var request = new HttpRequestMessage(HttpMethod.Get, "/k");
            request.Headers.Host = hostHeader;
            request.Headers.TryAddWithoutValidation("Authorization", IndependentSigV4.Authorization("GET", "/k", headers, o.AccessKeyId, o.SecretAccessKey, now));
            foreach (var (name, value) in headers.Where(h => h.Key != "host")) request.Headers.Add(name, value);
            return request;
        }
        using (var control = await host.HttpClient.SendAsync(Signed("closed.localhost", signHost: true)))
            Assert.Equal(HttpStatusCode.OK, control.StatusCode);

        using var replayed = await host.HttpClient.SendAsync(Signed("readable.localhost", signHost: false));
        Assert.Equal(HttpStatusCode.Forbidden, replayed.StatusCode);
        var error = XDocument.Parse(await replayed.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("AccessDenied", error.Element("Code")?.Value);
        Assert.Equal("host", error.Element("HeadersNotSigned")?.Value);
    }
}
