using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Http;

/// <summary>
/// An early answer never poisons a keep-alive connection (issue 12): after a rejection given before the body was
/// read the connection is closed cleanly (Connection: close), or it stays usable and the next request on it is
/// answered as itself, never taken for the unread body. (boto3's own flow: tests/clients/boto3_edge_flows.py.)
/// </summary>
public sealed class KeepAliveTests
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    static async Task<(TestFakeS3 Server, AmazonS3Client Client)> StartAsync()
    {
        var s3 = await TestFakeS3.StartAsync();
        var client = s3.CreateS3Client();
        await client.PutBucketAsync("keep-alive");
        return (s3, client);
    }

    static Task<string> Presign(AmazonS3Client client, string bucket, string key, HttpVerb verb, string? uploadId = null) =>
        client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = bucket, Key = key, Verb = verb, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(5),
            UploadId = uploadId, PartNumber = uploadId is null ? null : 1,
        });

    /// <summary>A client that honours Expect: 100-continue: the body goes only after "100 Continue".</summary>
    static async Task<RawHttpResponse> ExchangeWithExpectAsync(RawHttpConnection c, string method, Uri url, byte[] body, string extraHeaders = "")
    {
        await c.SendAsync($"{method} {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nContent-Length: {body.Length}\r\n{extraHeaders}Expect: 100-continue\r\n\r\n");
        var first = await c.ReadResponseAsync(Timeout) ?? throw new IOException("no answer");
        if (first.Status != 100) return first;
        await c.SendAsync(body);
        return await c.ReadResponseAsync(Timeout) ?? throw new IOException("no final answer");
    }

    /// <summary>The connection after an answer: closed by the server when it said so, else usable for the next request.</summary>
    static async Task AssertConnectionNotPoisoned(RawHttpConnection c, RawHttpResponse answer, Uri server)
    {
        if (answer.ClosesConnection)
        {
            // The client now opens a new connection; this one carries nothing more from the server (no late
            // 100 Continue, no second answer). Kestrel closes it once the client does, or after its drain timeout.
            Assert.False(await c.ReceivesBytesAsync(TimeSpan.FromMilliseconds(300)), "bytes arrived after an answer with Connection: close");
            return;
        }
        await c.SendAsync($"GET /keep-alive?list-type=2 HTTP/1.1\r\nHost: {server.Authority}\r\n\r\n");
        var next = await c.ReadResponseAsync(Timeout);
        Assert.NotNull(next);
        // Anonymous listing of a private bucket: S3's own 403 AccessDenied, not Kestrel's bare 400 or a reset.
        Assert.Equal(403, next.Status);
        Assert.Contains("<Code>AccessDenied</Code>", next.Text);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(1024 * 1024)]
    public async Task PutWithExpectContinue_NoSuchBucket_AnsweredEarlyAndConnectionClosed(int size)
    {
        var (s3, client) = await StartAsync();
        await using var _ = s3;
        using var __ = client;
        var url = new Uri(await Presign(client, "no-such-bucket-here", "k", HttpVerb.PUT));
        await using var c = await RawHttpConnection.OpenAsync(s3.BaseAddress);
        var answer = await ExchangeWithExpectAsync(c, "PUT", url, new byte[size]);
        Assert.Equal(404, answer.Status);
        Assert.Contains("<Code>NoSuchBucket</Code>", answer.Text);
        // The client was never told to continue, so it keeps its body: the connection must not carry on.
        Assert.True(answer.ClosesConnection, "an answer before 100 Continue must close the connection");
        await AssertConnectionNotPoisoned(c, answer, s3.BaseAddress);
    }

    [Fact]
    public async Task PutWithExpectContinue_SignatureDoesNotMatch_ThenSameClientStillWorks()
    {
        var (s3, client) = await StartAsync();
        await using var _ = s3;
        using var __ = client;
        var url = new Uri((await Presign(client, "keep-alive", "k", HttpVerb.PUT)).Replace("X-Amz-Signature=", "X-Amz-Signature=0"));
        await using var c = await RawHttpConnection.OpenAsync(s3.BaseAddress);
        var answer = await ExchangeWithExpectAsync(c, "PUT", url, Encoding.ASCII.GetBytes("GET /keep-alive HTTP/1.1\r\nHost: x\r\n\r\n"));
        Assert.Equal(403, answer.Status);
        await AssertConnectionNotPoisoned(c, answer, s3.BaseAddress);
        // Nothing was taken for an object body.
        var e = await Assert.ThrowsAsync<AmazonS3Exception>(() => client.GetObjectMetadataAsync("keep-alive", "k"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, e.StatusCode);
    }

    [Fact]
    public async Task UploadPartWithExpectContinue_NoSuchUpload_ConnectionClosed()
    {
        var (s3, client) = await StartAsync();
        await using var _ = s3;
        using var __ = client;
        var url = new Uri(await Presign(client, "keep-alive", "mp", HttpVerb.PUT, uploadId: "no-such-upload"));
        Assert.Contains("uploadId=no-such-upload", url.Query);
        await using var c = await RawHttpConnection.OpenAsync(s3.BaseAddress);
        var answer = await ExchangeWithExpectAsync(c, "PUT", url, new byte[64 * 1024]);
        Assert.Equal(404, answer.Status);
        Assert.Contains("<Code>NoSuchUpload</Code>", answer.Text);
        Assert.True(answer.ClosesConnection);
        await AssertConnectionNotPoisoned(c, answer, s3.BaseAddress);
    }

    [Fact]
    public async Task PostWithExpectContinue_Rejected_ConnectionNotPoisoned()
    {
        var (s3, client) = await StartAsync();
        await using var _ = s3;
        using var __ = client;
        const string boundary = "fuzzboundary";
        var form = Encoding.ASCII.GetBytes(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nk.txt\r\n" +
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"k.txt\"\r\nContent-Type: text/plain\r\n\r\n{new string('x', 200_000)}\r\n--{boundary}--\r\n");
        await using var c = await RawHttpConnection.OpenAsync(s3.BaseAddress);
        // A form sent with the wrong Content-Type is refused before a byte of it is read.
        var answer = await ExchangeWithExpectAsync(c, "POST", new Uri(s3.BaseAddress, "/keep-alive"), form,
            "Content-Type: application/x-www-form-urlencoded\r\n");
        Assert.Equal(412, answer.Status);
        Assert.True(answer.ClosesConnection);
        await AssertConnectionNotPoisoned(c, answer, s3.BaseAddress);
    }

    [Fact]
    public async Task BodySentWithoutExpect_RejectedEarly_ConnectionStaysUsable()
    {
        var (s3, client) = await StartAsync();
        await using var _ = s3;
        using var __ = client;
        var url = new Uri(await Presign(client, "no-such-bucket-here", "k", HttpVerb.PUT));
        await using var c = await RawHttpConnection.OpenAsync(s3.BaseAddress);
        // The body looks like a request: it must be drained as body, never answered as one.
        var body = "GET /keep-alive HTTP/1.1\r\nHost: smuggled\r\n\r\n";
        await c.SendAsync($"PUT {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nContent-Length: {body.Length}\r\n\r\n{body}");
        var answer = await c.ReadResponseAsync(Timeout);
        Assert.NotNull(answer);
        Assert.Equal(404, answer.Status);
        Assert.False(answer.ClosesConnection, "a body the client sent unasked is drained; the connection stays open");
        await AssertConnectionNotPoisoned(c, answer, s3.BaseAddress);
    }

    [Fact]
    public async Task BodyReadToTheEnd_ThenRejected_ConnectionStaysOpen()
    {
        var (s3, client) = await StartAsync();
        await using var _ = s3;
        using var __ = client;
        var url = new Uri(await Presign(client, "keep-alive", "md5", HttpVerb.PUT));
        await using var c = await RawHttpConnection.OpenAsync(s3.BaseAddress);
        // Content-MD5 of the empty string: the whole body is read before the digest is compared.
        var answer = await ExchangeWithExpectAsync(c, "PUT", url, new byte[5000], "Content-MD5: 1B2M2Y8AsgTpgAmY7PhCfg==\r\n");
        Assert.Equal(400, answer.Status);
        Assert.Contains("<Code>BadDigest</Code>", answer.Text);
        Assert.False(answer.ClosesConnection, "nothing is left unread, so the connection stays open");
        await AssertConnectionNotPoisoned(c, answer, s3.BaseAddress);
    }
}
