using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using FakeS3.Tests.Infrastructure;
using FakeS3.Tests.Security;

namespace FakeS3.Tests.Adversarial;

/// <summary>Hostile request XML bodies (DeleteObjects here; every XML body shares one parser): a quick S3 error, never a hang.</summary>
public sealed class XmlBodyTests
{
    static async Task<(int Status, string Body)> DeleteObjectsAsync(TestFakeS3 s3, string bucket, string xml)
    {
        var now = DateTimeOffset.UtcNow;
        var headers = new Dictionary<string, string>
        {
            ["host"] = s3.BaseAddress.Authority, ["x-amz-date"] = IndependentSigV4.AmzDate(now), ["x-amz-content-sha256"] = "UNSIGNED-PAYLOAD",
        };
        var body = Encoding.UTF8.GetBytes(xml);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/{bucket}?delete=") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentMD5 = MD5.HashData(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        request.Headers.TryAddWithoutValidation("x-amz-date", headers["x-amz-date"]);
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        request.Headers.TryAddWithoutValidation("Authorization", IndependentSigV4.Authorization(
            "POST", "/" + bucket, headers, TestFakeS3.AccessKey, TestFakeS3.SecretKey, now, canonicalQuery: "delete=", payloadHash: "UNSIGNED-PAYLOAD"));
        // Not a speed target: a parser that is quadratic in nesting depth took minutes for the 2 MB body below.
        using var http = s3.CreateHttpClient();
        http.Timeout = TimeSpan.FromSeconds(30);
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    static async Task<TestFakeS3> StartAsync(string bucket)
    {
        var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync(bucket);
        return s3;
    }

    [Fact]
    public async Task DeeplyNestedBody_400MalformedXml_NoHang()
    {
        await using var s3 = await StartAsync("xml-deep");
        const int depth = 290_000; // 2.03 MB, just under DeleteObjects' 2 MiB body limit
        var xml = "<Delete>" + string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth)) + "</Delete>";
        var (status, body) = await DeleteObjectsAsync(s3, "xml-deep", xml);
        Assert.Equal(400, status);
        Assert.Contains("<Code>MalformedXML</Code>", body);
    }

    [Fact]
    public async Task BodyWithDtd_400MalformedXml_NoEntityExpanded()
    {
        await using var s3 = await StartAsync("xml-dtd");
        const string xml = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
            + "<Delete><Object><Key>&b;</Key></Object></Delete>";
        var (status, body) = await DeleteObjectsAsync(s3, "xml-dtd", xml);
        Assert.Equal(400, status);
        Assert.Contains("<Code>MalformedXML</Code>", body);
    }

    [Fact]
    public async Task KeyOfSpaces_KeptAsSent()
    {
        await using var s3 = await StartAsync("xml-space");
        var (status, body) = await DeleteObjectsAsync(s3, "xml-space", "<Delete><Object><Key> </Key></Object></Delete>");
        Assert.Equal(200, status);
        Assert.Contains("<Deleted><Key> </Key></Deleted>", body);
    }
}
