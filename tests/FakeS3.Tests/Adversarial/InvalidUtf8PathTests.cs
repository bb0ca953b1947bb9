using System.Text;
using System.Net;
using Amazon.S3;
using FakeS3.Conformance.Signing;
using FakeS3.Tests.Http;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Adversarial;

/// <summary>
/// A path whose percent-decoding is not UTF-8 (<c>%FF</c>, a cut multi-byte sequence, an encoded surrogate) is
/// 400 InvalidURI, signed or not, and stores nothing: read as U+FFFD, <c>/b/%FF</c> and <c>/b/%FE</c> were both
/// the key "\uFFFD", so the second PUT silently replaced the first. A copy source that is not UTF-8 is 400
/// InvalidArgument instead of copying the U+FFFD key, a POST form field that is not UTF-8 is 400
/// MalformedPOSTRequest, and an XML body that is not UTF-8 is 400 MalformedXML (DeleteObjects deleted "\uFFFD").
/// </summary>
public sealed class InvalidUtf8PathTests
{
    static async Task<HttpResponseMessage> SendSignedAsync(HttpClient http, HttpMethod method, Uri url, string? body = null,
        (string Name, string Value)? header = null, byte[]? bytes = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(body);
        if (bytes is not null) request.Content = new ByteArrayContent(bytes);
        if (header is { } h) request.Headers.TryAddWithoutValidation(h.Name, h.Value);
        SigV4.SignHeaders(request, new HeaderSignSpec
        {
            AccessKeyId = TestFakeS3.AccessKey, Secret = TestFakeS3.SecretKey, Region = "us-east-1", Date = DateTime.UtcNow,
        });
        return await http.SendAsync(request);
    }

    [Theory]
    [InlineData("inv/%FF")]
    [InlineData("inv/%C3")]
    [InlineData("inv/%ED%A0%80")]
    [InlineData("inv/%F4%90%80%80")]
    public async Task SignedPut_PathNotUtf8_IsInvalidUri_AndStoresNothing(string rawKey)
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        using var http = s3.CreateHttpClient();
        await client.PutBucketAsync("utf8");

        using var put = await SendSignedAsync(http, HttpMethod.Put, new Uri(s3.BaseAddress, "/utf8/" + rawKey), "first");

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var xml = await put.Content.ReadAsStringAsync();
        Assert.Contains("<Code>InvalidURI</Code><Message>Couldn't parse the specified URI.</Message>", xml);
        Assert.Empty((await client.ListObjectsV2Async(new() { BucketName = "utf8" })).S3Objects ?? []);
    }

    [Fact]
    public async Task TwoDifferentInvalidByteKeys_NeverOverwriteEachOther_AndAnonymousGetIsInvalidUriToo()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        using var http = s3.CreateHttpClient();
        await client.PutBucketAsync("utf8");
        await client.PutObjectAsync(new() { BucketName = "utf8", Key = "inv/\uFFFD", ContentBody = "real U+FFFD key" });

        using var ff = await SendSignedAsync(http, HttpMethod.Put, new Uri(s3.BaseAddress, "/utf8/inv/%FF"), "ff");
        using var fe = await SendSignedAsync(http, HttpMethod.Get, new Uri(s3.BaseAddress, "/utf8/inv/%FE"));
        using var anonymous = await http.GetAsync(new Uri(s3.BaseAddress, "/utf8/%83"));

        Assert.Equal(HttpStatusCode.BadRequest, ff.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, fe.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, anonymous.StatusCode);
        Assert.Contains("<Code>InvalidURI</Code>", await anonymous.Content.ReadAsStringAsync());
        using var kept = await client.GetObjectAsync("utf8", "inv/\uFFFD");
        Assert.Equal("real U+FFFD key", await new StreamReader(kept.ResponseStream).ReadToEndAsync());
    }

    [Fact]
    public async Task Copy_SourceNotUtf8_IsInvalidCopySourceEncoding_AndCopiesNothing()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        using var http = s3.CreateHttpClient();
        await client.PutBucketAsync("utf8");
        await client.PutObjectAsync(new() { BucketName = "utf8", Key = "\uFFFD", ContentBody = "not the source" });

        using var copy = await SendSignedAsync(http, HttpMethod.Put, new Uri(s3.BaseAddress, "/utf8/copy"),
            header: ("x-amz-copy-source", "/utf8/%FF"));

        Assert.Equal(HttpStatusCode.BadRequest, copy.StatusCode);
        Assert.Contains("<Code>InvalidArgument</Code><Message>Invalid copy source encoding.</Message><ArgumentName>x-amz-copy-source</ArgumentName>",
            await copy.Content.ReadAsStringAsync());
        var e = await Assert.ThrowsAsync<AmazonS3Exception>(() => client.GetObjectMetadataAsync("utf8", "copy"));
        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
    }

    [Fact]
    public async Task PostForm_KeyFieldNotUtf8_IsMalformedPostRequest_AndStoresNothing()
    {
        await using var s3 = await PostObjectErrorTests.StartAsync();
        foreach (var bad in new byte[] { 0xFF, 0xFE })
        {
            // The plain shape browsers send (quoted names): the fast path reads it; MultipartFormDataContent's form
            // (unquoted names, a Content-Type per field) goes to the general reader.
            var body = new MemoryStream();
            void Write(string text) => body.Write(Encoding.UTF8.GetBytes(text));
            foreach (var (name, value) in PostObjectErrorTests.Fields(PostObjectErrorTests.Policy()))
            {
                Write($"--b0undary\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n");
                if (name == "key") body.Write([.. "uploads/"u8, bad]);
                else Write(value);
                Write("\r\n");
            }
            Write("--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.txt\"\r\n\r\nx\r\n--b0undary--\r\n");
            var content = new ByteArrayContent(body.ToArray());
            content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b0undary");

            var xml = await PostObjectErrorTests.PostAsync(s3, content, HttpStatusCode.BadRequest);

            Assert.Contains("<Code>MalformedPOSTRequest</Code>", xml);
        }
        await PostObjectErrorTests.AssertNothingStored(s3);
    }

    [Fact]
    public async Task DeleteObjects_KeyNotUtf8_IsMalformedXml_AndDeletesNothing()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        using var http = s3.CreateHttpClient();
        await client.PutBucketAsync("utf8");
        await client.PutObjectAsync(new() { BucketName = "utf8", Key = "\uFFFD", ContentBody = "kept" });

        byte[] xml = [.. "<Delete><Object><Key>"u8, 0xFF, .. "</Key></Object></Delete>"u8];
        using var delete = await SendSignedAsync(http, HttpMethod.Post, new Uri(s3.BaseAddress, "/utf8?delete"),
            header: ("x-amz-checksum-sha256", Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(xml))), bytes: xml);

        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
        Assert.Contains("<Code>MalformedXML</Code>", await delete.Content.ReadAsStringAsync());
        using var kept = await client.GetObjectAsync("utf8", "\uFFFD");
        Assert.Equal("kept", await new StreamReader(kept.ResponseStream).ReadToEndAsync());
    }
}
