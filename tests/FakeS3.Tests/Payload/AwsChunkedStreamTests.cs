using System.Security.Cryptography;
using System.Text;
using FakeS3.Errors;
using FakeS3.Payload;
using FakeS3.Signing;
using FakeS3.Tests.Testing;
using static FakeS3.Tests.Payload.PayloadTestKit;

namespace FakeS3.Tests.Payload;

/// <summary>
/// aws-chunked decoding against the AWS sigv4-streaming example (spec §5.2): PUT
/// /examplebucket/chunkObject.txt, 66560 × 'a' in a 65536 and a 1024 byte chunk, seed signature 4f232c….
/// </summary>
public class AwsChunkedStreamTests
{
    const string Seed = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
    const string Chunk1Sig = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";
    const string Chunk2Sig = "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497";
    const string FinalSig = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9";
    static readonly DateTimeOffset May24 = TestAuth.At("2013-05-24T00:00:00Z");

    internal static byte[] DocumentedBody(char fill = 'a', string finalSig = FinalSig) => Encoding.ASCII.GetBytes(
        $"10000;chunk-signature={Chunk1Sig}\r\n{new string(fill, 65536)}\r\n400;chunk-signature={Chunk2Sig}\r\n{new string('a', 1024)}\r\n0;chunk-signature={finalSig}\r\n\r\n");

    static SignableRequest DocumentedRequest() => TestAuth.FromUrl("PUT", "https://s3.amazonaws.com/examplebucket/chunkObject.txt",
        ("Content-Encoding", "aws-chunked"), ("Content-Length", "66824"),
        ("x-amz-content-sha256", SigV4Constants.StreamingBodySha256), ("x-amz-date", "20130524T000000Z"),
        ("x-amz-decoded-content-length", "66560"), ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
        ("Authorization", $"AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature={Seed}"));

    static IncomingPayload Documented(byte[] body)
    {
        var request = DocumentedRequest();
        var auth = TestAuth.Authenticator(May24).Authenticate(request);
        return IncomingPayload.Create(request, auth, new MemoryStream(body));
    }

    [Fact]
    public void StreamingVector_SeedSignature_MatchesDocumentedHeaderSignature()
    {
        var auth = TestAuth.Authenticator(May24).Authenticate(DocumentedRequest());
        Assert.Equal(Seed, auth.Signature);
        Assert.Equal(SigV4Constants.StreamingBodySha256, auth.PayloadHash);
        Assert.Equal(66824, DocumentedBody().Length);
    }

    [Fact]
    public async Task StreamingVector_EndToEnd_DecodesAndVerifiesChain()
    {
        using var payload = Documented(DocumentedBody());
        var (body, digest) = await ReadAllAsync(payload);
        Assert.Equal(66560, body.Length);
        Assert.All(body, b => Assert.Equal((byte)'a', b));
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(body)), digest.Md5Hex);
        Assert.Null(payload.ContentEncoding);
    }

    [Fact]
    public async Task StreamingVector_TamperedChunkData_SignatureDoesNotMatch()
    {
        using var payload = Documented(DocumentedBody(fill: 'b'));
        var e = await RejectsAsync(() => ReadAllAsync(payload));
        Assert.Equal(S3ErrorCode.SignatureDoesNotMatch, e.Code);
        Assert.Equal(S3Errors.SignatureMismatchMessage, e.Message);
    }

    [Fact]
    public async Task StreamingVector_WrongFinalSignature_SignatureDoesNotMatch()
    {
        using var payload = Documented(DocumentedBody(finalSig: new string('0', 64)));
        Assert.Equal(S3ErrorCode.SignatureDoesNotMatch, (await RejectsAsync(() => ReadAllAsync(payload))).Code);
    }

    [Fact]
    public async Task StreamingVector_Truncated_IncompleteBody()
    {
        using var payload = Documented(DocumentedBody()[..40000]);
        var e = await RejectsAsync(() => ReadAllAsync(payload));
        Assert.Equal(S3ErrorCode.IncompleteBody, e.Code);
        Assert.Equal("The request body terminated unexpectedly", e.Message);
    }

    [Theory]
    [InlineData("zz;chunk-signature=" + Chunk1Sig + "\r\n")]
    [InlineData("10000;chunk-signature=short\r\n")]
    [InlineData("10000\r\n")]
    [InlineData("10000;chunk-signature=" + Chunk1Sig + "\n")]
    public async Task Signed_BadFraming_IncompleteBody(string firstLine)
    {
        using var payload = Documented(Encoding.ASCII.GetBytes(firstLine + new string('a', 65536)));
        Assert.Equal(S3ErrorCode.IncompleteBody, (await RejectsAsync(() => ReadAllAsync(payload))).Code);
    }

    [Fact]
    public async Task Signed_OverlongHeaderLine_IncompleteBodyWithoutBuffering()
    {
        using var payload = Documented(Encoding.ASCII.GetBytes("1" + new string('0', 10_000) + "\r\n"));
        Assert.Equal(S3ErrorCode.IncompleteBody, (await RejectsAsync(() => ReadAllAsync(payload))).Code);
    }

    /// <summary>Chunk signatures for two 100-byte chunks computed with Python hmac from the documented seed.</summary>
    [Fact]
    public async Task Signed_SmallNonFinalChunk_InvalidChunkSize()
    {
        var body = $"64;chunk-signature=5cd8fe6f93e0956b2f733dc0e46af5f2bd2cfd3124690f6fb9b74af8863e88a3\r\n{new string('a', 100)}\r\n" +
            $"64;chunk-signature=ee046bd8ef205096b2b7d666a2bad5ed740c92add136da117690e569a138c71c\r\n{new string('a', 100)}\r\n" +
            "0;chunk-signature=14b847dc44e9832dbff1b457c993a8cb7e68b3d8927e4900ae62000c6899deb3\r\n\r\n";
        var options = new ChunkedUploadOptions(200, SignedChunks: true)
        {
            SeedSignature = Seed, SigningKey = SigningKey.Derive(TestAuth.Secret, "20130524", "us-east-1", "s3"),
            AmzDate = "20130524T000000Z", Scope = "20130524/us-east-1/s3/aws4_request",
        };
        await using var stream = new AwsChunkedStream(Body(body), options);
        var e = await RejectsAsync(() => stream.CopyToAsync(Stream.Null));
        Assert.Equal(S3ErrorCode.InvalidChunkSizeError, e.Code);
        Assert.Equal("Only the last chunk is allowed to have a size less than 8192 bytes", e.Message);

        await using var lenient = new AwsChunkedStream(Body(body), options with { EnforceMinimumChunkSize = false });
        await lenient.CopyToAsync(Stream.Null);
        Assert.Equal(200, lenient.DecodedBytes);
    }

    [Fact]
    public async Task Unsigned_SmallChunks_Accepted()
    {
        await using var stream = new AwsChunkedStream(Body("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"), new ChunkedUploadOptions(11, false));
        var output = new MemoryStream();
        await stream.CopyToAsync(output);
        Assert.Equal("hello world", Encoding.ASCII.GetString(output.ToArray()));
        Assert.True(stream.IsCompleted);
    }

    [Fact]
    public async Task Unsigned_DecodedLengthMismatch_IncompleteBody()
    {
        await using var stream = new AwsChunkedStream(Body("5\r\nhello\r\n0\r\n\r\n"), new ChunkedUploadOptions(11, false));
        Assert.Equal(S3ErrorCode.IncompleteBody, (await RejectsAsync(() => stream.CopyToAsync(Stream.Null))).Code);
    }
}
