using System.Security.Cryptography;
using System.Text;
using FakeS3.Checksums;
using FakeS3.Errors;
using FakeS3.Payload;
using FakeS3.Signing;
using FakeS3.Tests.Testing;
using static FakeS3.Tests.Payload.PayloadTestKit;

namespace FakeS3.Tests.Payload;

/// <summary>Spec §2.4 body-integrity rules for plain (non-chunked) bodies.</summary>
public class IncomingPayloadTests
{
    const string Hello = "hello world";
    static readonly string HelloSha = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(Hello)));
    const string HelloMd5Base64 = "XrY7u+Ae7tCTyyK7j1rNww==";

    static SignableRequest Put(params (string, string)[] headers) => TestAuth.FromUrl("PUT", "http://localhost:4568/b/k", headers);

    static IncomingPayload Create(string body, string payloadHash, bool isUploadPart, params (string, string)[] headers) =>
        IncomingPayload.Create(Put(headers), Auth(payloadHash), Body(body), isUploadPart);

    static S3Error RejectsCreate(params (string, string)[] headers) =>
        TestAuth.Rejects(() => Create(Hello, SigV4Constants.UnsignedPayload, false, headers));

    [Fact]
    public async Task Plain_NoChecksum_DefaultsToCrc64Nvme()
    {
        using var payload = Create(Hello, HelloSha, false, ("Content-Length", "11"));
        var (_, digest) = await ReadAllAsync(payload);
        Assert.Equal(11, digest.Size);
        Assert.Equal("5eb63bbbe01eeed093cb22bb8f5acdc3", digest.Md5Hex);
        Assert.Equal((ChecksumAlgorithm.Crc64Nvme, "jSnVw/bqjr4=", false), (digest.ChecksumAlgorithm, digest.ChecksumBase64, digest.ChecksumSupplied));
        Assert.Equal("x-amz-checksum-crc64nvme", digest.ChecksumHeaderName);
    }

    [Theory]
    [InlineData("__invalid__")]
    [InlineData("MTIz")]
    [InlineData("dGVzdC1zdHJpbmc=")]
    public void ContentMd5_NotSixteenBytes_InvalidDigest(string value)
    {
        var e = RejectsCreate(("Content-Length", "11"), ("Content-MD5", value));
        Assert.Equal(S3ErrorCode.InvalidDigest, e.Code);
        Assert.Equal("The Content-MD5 you specified was invalid.", e.Message);
        Assert.Equal([("Content-MD5", value)], e.Details);
    }

    [Theory]
    [InlineData(false, "09891eb590524e35fc73372cddc5d596")]
    [InlineData(true, "CYketZBSTjX8czcs3cXVlg==")]
    public async Task ContentMd5_Mismatch_BadDigestInOperationFormat(bool isUploadPart, string expectedDigest)
    {
        using var payload = Create(Hello, SigV4Constants.UnsignedPayload, isUploadPart, ("Content-Length", "11"), ("Content-MD5", "CYketZBSTjX8czcs3cXVlg=="));
        var e = await RejectsAsync(() => ReadAllAsync(payload));
        Assert.Equal(S3ErrorCode.BadDigest, e.Code);
        Assert.Equal("The Content-MD5 you specified did not match what we received.", e.Message);
        Assert.Equal([("ExpectedDigest", expectedDigest), ("CalculatedDigest", HelloMd5Base64)], e.Details);
    }

    [Fact]
    public async Task ContentMd5_Matches_Accepted()
    {
        using var payload = Create(Hello, SigV4Constants.UnsignedPayload, false, ("Content-Length", "11"), ("Content-MD5", HelloMd5Base64));
        Assert.Equal(HelloMd5Base64, (await ReadAllAsync(payload)).Digest.Md5Base64);
    }

    [Fact]
    public void ChecksumHeader_WrongLength_InvalidRequest()
    {
        var e = RejectsCreate(("Content-Length", "11"), ("x-amz-checksum-crc32", "jSnVw/bqjr4="));
        Assert.Equal(S3ErrorCode.InvalidRequest, e.Code);
        Assert.Equal("Value for x-amz-checksum-crc32 header is invalid.", e.Message);
    }

    [Fact]
    public void ChecksumHeader_TwoAlgorithms_MultipleChecksumHeaders()
    {
        var e = RejectsCreate(("Content-Length", "11"), ("x-amz-checksum-crc32", "DUoRhQ=="), ("x-amz-checksum-sha1", "Kq5sNclPz7QV2+lfQIuc6R7oRu0="));
        Assert.Equal("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.", e.Message);
    }

    [Fact]
    public async Task ChecksumHeader_Mismatch_BadDigestNamingAlgorithm()
    {
        using var payload = Create(Hello, SigV4Constants.UnsignedPayload, false, ("Content-Length", "11"), ("x-amz-checksum-crc32c", "AAAAAA=="));
        var e = await RejectsAsync(() => ReadAllAsync(payload));
        Assert.Equal(S3ErrorCode.BadDigest, e.Code);
        Assert.Equal("The CRC32C you specified did not match the calculated checksum.", e.Message);
    }

    [Fact]
    public async Task ChecksumHeader_Matches_ReportedAsSupplied()
    {
        using var payload = Create(Hello, SigV4Constants.UnsignedPayload, false, ("Content-Length", "11"), ("x-amz-checksum-sha256", "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek="));
        var digest = (await ReadAllAsync(payload)).Digest;
        Assert.Equal((ChecksumAlgorithm.Sha256, true), (digest.ChecksumAlgorithm, digest.ChecksumSupplied));
    }

    [Fact]
    public void NoContentLength_NotChunked_MissingContentLength()
    {
        var e = RejectsCreate();
        Assert.Equal(S3ErrorCode.MissingContentLength, e.Code);
        Assert.Equal(411, e.Status);
        Assert.Equal("You must provide the Content-Length HTTP header.", e.Message);
    }

    [Fact]
    public void AwsChunked_NoDecodedLength_MissingContentLength()
    {
        var e = TestAuth.Rejects(() => Create("", SigV4Constants.StreamingUnsignedPayloadTrailer, false, ("Transfer-Encoding", "chunked")));
        Assert.Equal(S3ErrorCode.MissingContentLength, e.Code);
    }

    [Fact]
    public async Task HttpChunked_NoContentLength_Accepted()
    {
        using var payload = Create(Hello, SigV4Constants.UnsignedPayload, false, ("Transfer-Encoding", "chunked"));
        Assert.Equal(11, (await ReadAllAsync(payload)).Digest.Size);
    }

    [Fact]
    public async Task Sha256_Mismatch_XAmzContentSHA256Mismatch()
    {
        var claimed = new string('a', 64);
        using var payload = Create(Hello, claimed, false, ("Content-Length", "11"));
        var e = await RejectsAsync(() => ReadAllAsync(payload));
        Assert.Equal(S3ErrorCode.XAmzContentSHA256Mismatch, e.Code);
        Assert.Equal([("ClientComputedContentSHA256", claimed), ("S3ComputedContentSHA256", HelloSha)], e.Details);
    }

    [Fact]
    public async Task ShortBody_IncompleteBody()
    {
        using var payload = Create(Hello, SigV4Constants.UnsignedPayload, false, ("Content-Length", "20"));
        var e = await RejectsAsync(() => ReadAllAsync(payload));
        Assert.Equal(S3ErrorCode.IncompleteBody, e.Code);
    }

    [Fact]
    public void Complete_BeforeEnd_InvalidOperation()
    {
        using var payload = Create(Hello, SigV4Constants.UnsignedPayload, false, ("Content-Length", "11"));
        Assert.Throws<InvalidOperationException>(() => payload.Complete());
    }

    [Theory]
    [InlineData("gzip, aws-chunked", "gzip")]
    [InlineData("gzip,aws-chunked", "gzip")]
    [InlineData("aws-chunked,gzip", "gzip")]
    [InlineData("aws-chunked", null)]
    [InlineData("br", "br")]
    [InlineData(null, null)]
    public void ContentEncoding_AwsChunkedToken_Removed(string? sent, string? stored) =>
        Assert.Equal(stored, ContentEncodings.WithoutAwsChunked(sent));
}
