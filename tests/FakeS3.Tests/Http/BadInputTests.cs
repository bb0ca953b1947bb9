using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Http;

/// <summary>Bad input gets a 4xx S3 error — never a 500, a hang or a crash — and nothing is stored.</summary>
public sealed class BadInputTests
{
    static async Task<(int Status, string Body)> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    static async Task AssertNotStored(AmazonS3Client client, string bucket, string key)
    {
        var e = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.GetObjectMetadataAsync(bucket, key));
        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
    }

    [Theory]
    [InlineData("AWS4-HMAC-SHA256 garbage", 400, "AuthorizationHeaderMalformed")]
    [InlineData("AWS4-HMAC-SHA256 Credential=a/b, SignedHeaders=host, Signature=00", 400, "AuthorizationHeaderMalformed")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/eu-west-9/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000", 400, "AuthorizationHeaderMalformed")]
    [InlineData("Bearer abc", 400, "InvalidArgument")] // "Unsupported Authorization Type"
    [InlineData("AWS AKIAIOSFODNN7EXAMPLE:bm90LWEtc2lnbmF0dXJl", 403, "SignatureDoesNotMatch")]
    public async Task MalformedAuthorization_4xxS3Error_NothingStored(string authorization, int status, string code)
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("bad-input");
        using var http = s3.CreateHttpClient();
        var request = new HttpRequestMessage(HttpMethod.Put, "/bad-input/k") { Content = new StringContent("data") };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        request.Headers.TryAddWithoutValidation("x-amz-date", DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'"));
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        var (actualStatus, body) = await SendAsync(http, request);
        Assert.Equal(status, actualStatus);
        Assert.Contains($"<Code>{code}</Code>", body);
        await AssertNotStored(client, "bad-input", "k");
    }

    [Theory]
    [InlineData("X-Amz-Expires=abc", "X-Amz-Expires should be a number")]
    [InlineData("X-Amz-Expires=604801", "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds")]
    [InlineData("X-Amz-Date=yesterday", "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"")]
    [InlineData("X-Amz-SignedHeaders=", "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.")]
    public async Task BadPresignQueryParameter_400AuthorizationQueryParametersError(string replacement, string message)
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("bad-input");
        var url = await client.GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = "bad-input", Key = "k", Verb = HttpVerb.PUT, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(5) });
        var name = replacement[..replacement.IndexOf('=')];
        var parts = new Uri(url).Query.TrimStart('?').Split('&')
            .Select(p => p.StartsWith(name + "=", StringComparison.Ordinal) ? replacement : p)
            .Where(p => p != "X-Amz-SignedHeaders=");
        using var http = new HttpClient();
        using var response = await http.PutAsync(url[..url.IndexOf('?')] + "?" + string.Join("&", parts), new StringContent("data"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("<Code>AuthorizationQueryParametersError</Code>", body);
        Assert.Contains("<Message>" + message.Replace("&", "&amp;") + "</Message>", body);
        await AssertNotStored(client, "bad-input", "k");
    }

    [Theory]
    [InlineData("__invalid__", "InvalidDigest")]
    [InlineData("MTIz", "InvalidDigest")]
    [InlineData("CY9rzUYh03PK3k6DJie09g==", "BadDigest")]
    public async Task BadContentMd5_400_PreviousVersionIntact(string md5, string code)
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("bad-input");
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "bad-input", Key = "k", ContentBody = "first version" });
        var e = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = "bad-input", Key = "k", ContentBody = "second version", MD5Digest = md5,
        }));
        Assert.Equal(code, e.ErrorCode);
        using var get = await client.GetObjectAsync("bad-input", "k");
        Assert.Equal("first version", await new StreamReader(get.ResponseStream).ReadToEndAsync());
    }

    [Fact]
    public async Task TamperedAwsChunkedBody_403SignatureDoesNotMatch_NothingStored()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("bad-input");
        using var tampering = s3.CreateS3ClientWith(new BodyRewriter(body =>
        {
            var i = body.AsSpan().IndexOf("hello chunk"u8);
            body[i] = (byte)'j';
            return body;
        }));
        var e = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => tampering.PutObjectAsync(new PutObjectRequest { BucketName = "bad-input", Key = "k", ContentBody = "hello chunk" }));
        Assert.Equal("SignatureDoesNotMatch", e.ErrorCode);
        await AssertNotStored(client, "bad-input", "k");
    }

    [Fact]
    public async Task AwsChunkedBodyShortenedAfterSigning_403SignatureDoesNotMatch_NothingStored()
    {
        // The .NET SDK signs Content-Length, so a shortened body fails the seed signature.
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("bad-input");
        using var truncating = s3.CreateS3ClientWith(new BodyRewriter(body => body[..(body.Length / 2)]));
        var e = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => truncating.PutObjectAsync(new PutObjectRequest { BucketName = "bad-input", Key = "k", ContentBody = new string('x', 20000) }));
        Assert.Equal("SignatureDoesNotMatch", e.ErrorCode);
        await AssertNotStored(client, "bad-input", "k");
    }

    [Fact]
    public async Task BodyEndsBeforeContentLength_IncompleteBodyOrReset_NothingStored()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("bad-input");
        var url = await client.GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = "bad-input", Key = "k", Verb = HttpVerb.PUT, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(5) });
        var uri = new Uri(url);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"PUT {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Length: 100000\r\n\r\n"));
        await stream.WriteAsync(new byte[50000]);
        tcp.Client.Shutdown(SocketShutdown.Send);
        string response;
        try
        {
            response = await new StreamReader(stream).ReadToEndAsync();
        }
        catch (IOException)
        {
            response = ""; // Kestrel may reset a connection whose request body ended early
        }
        if (response.Length > 0)
        {
            Assert.StartsWith("HTTP/1.1 400", response);
            Assert.Contains("<Code>IncompleteBody</Code><Message>The request body terminated unexpectedly</Message>", response);
        }
        await AssertNotStored(client, "bad-input", "k");
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "bad-input", Key = "after", ContentBody = "still serving" });
    }

    [Fact]
    public async Task OversizedHeaders_400RequestHeaderSectionTooLarge()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var http = s3.CreateHttpClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/bad-input/k");
        request.Headers.TryAddWithoutValidation("x-padding", new string('p', 20000));
        var (status, body) = await SendAsync(http, request);
        Assert.Equal(400, status);
        Assert.Contains("<Code>RequestHeaderSectionTooLarge</Code>", body);
    }

    [Theory]
    [InlineData("UPPER-case")]
    [InlineData("ab")]
    [InlineData("bad..dots")]
    [InlineData("192.168.1.1")]
    [InlineData("under_score")]
    public async Task CreateBucket_InvalidName_400InvalidBucketName(string name)
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        var url = await client.GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = "placeholder-bucket", Verb = HttpVerb.PUT, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(5) });
        // Re-sign for the invalid name through the SDK's signer by presigning a path-style URL with that bucket name.
        var raw = await PresignRawAsync(client, name);
        using var http = new HttpClient();
        using var response = await http.PutAsync(raw, null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<Code>InvalidBucketName</Code>", await response.Content.ReadAsStringAsync());
        Assert.NotNull(url);
    }

    static Task<string> PresignRawAsync(AmazonS3Client client, string bucket) =>
        client.GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = bucket, Verb = HttpVerb.PUT, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(5) });

    [Theory]
    [InlineData("dir//double-slash")]
    [InlineData("unicode é 🚀 ключ.txt")]
    [InlineData("spaces and+plus=equals&amp.txt")]
    [InlineData("trailing/")]
    public async Task OddKeys_RoundTripVerbatim(string key)
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("odd-keys");
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "odd-keys", Key = key, ContentBody = key });
        using var get = await client.GetObjectAsync("odd-keys", key);
        Assert.Equal(key, await new StreamReader(get.ResponseStream).ReadToEndAsync());
        var list = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "odd-keys" });
        Assert.Equal([key], list.S3Objects.Select(o => o.Key));
    }

    [Fact]
    public async Task DotDotKey_NotNormalised_StoredUnderItsOwnName()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("odd-keys");
        var url = await client.GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = "odd-keys", Key = "a/../b.txt", Verb = HttpVerb.PUT, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(5) });
        // HttpClient would remove the dot segment; send the signed bytes as they are.
        var uri = new Uri(url, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        var stream = tcp.GetStream();
        var target = url[(url.IndexOf('/', 8))..];
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"PUT {target} HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"));
        var response = await new StreamReader(stream).ReadToEndAsync();
        Assert.StartsWith("HTTP/1.1 200", response);
        var list = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "odd-keys" });
        Assert.Equal(["a/../b.txt"], list.S3Objects.Select(o => o.Key));
    }
}
