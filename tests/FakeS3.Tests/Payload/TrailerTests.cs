using System.Text;
using FakeS3.Checksums;
using FakeS3.Errors;
using FakeS3.Payload;
using FakeS3.Signing;
using FakeS3.Tests.Testing;
using static FakeS3.Tests.Payload.PayloadTestKit;

namespace FakeS3.Tests.Payload;

/// <summary>
/// Trailers: botocore's unsigned example (spec §5.3) and two PutObject requests captured from AWSSDK.S3
/// 4.1.0 (STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, CRC32 trailer, x-amz-trailer-signature) sent to a
/// recording HttpListener at 127.0.0.1:45871 on 2026-11-28 — the SDK signed them, not FakeS3.
/// </summary>
public class TrailerTests
{
    const string BotocoreBody = "b\r\nhello world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n";
    const string SdkAuthorizationPrefix = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261128/us-east-1/s3/aws4_request, SignedHeaders=content-encoding;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-sdk-checksum-algorithm;x-amz-trailer, Signature=";

    static SignableRequest UnsignedTrailerRequest() => TestAuth.FromUrl("PUT", "http://localhost:4568/b/k",
        ("x-amz-content-sha256", SigV4Constants.StreamingUnsignedPayloadTrailer), ("Content-Encoding", "aws-chunked"),
        ("Transfer-Encoding", "chunked"), ("X-Amz-Trailer", "x-amz-checksum-crc32"), ("X-Amz-Decoded-Content-Length", "11"));

    [Fact]
    public async Task UnsignedTrailer_BotocoreHelloWorld_Crc32Verified()
    {
        using var payload = IncomingPayload.Create(UnsignedTrailerRequest(), Auth(SigV4Constants.StreamingUnsignedPayloadTrailer), Body(BotocoreBody));
        var (body, digest) = await ReadAllAsync(payload);
        Assert.Equal("hello world", Encoding.ASCII.GetString(body));
        Assert.Equal(ChecksumAlgorithm.Crc32, digest.ChecksumAlgorithm);
        Assert.Equal("DUoRhQ==", digest.ChecksumBase64);
        Assert.True(digest.ChecksumSupplied);
        Assert.Equal("FULL_OBJECT", digest.ChecksumType);
        Assert.Equal("\"5eb63bbbe01eeed093cb22bb8f5acdc3\"", digest.ETag);
    }

    [Fact]
    public async Task UnsignedTrailer_WrongCrc32_BadDigest()
    {
        using var payload = IncomingPayload.Create(UnsignedTrailerRequest(), Auth(SigV4Constants.StreamingUnsignedPayloadTrailer),
            Body(BotocoreBody.Replace("DUoRhQ==", "AAAAAA==")));
        var e = await RejectsAsync(() => ReadAllAsync(payload));
        Assert.Equal(S3ErrorCode.BadDigest, e.Code);
        Assert.Equal("The CRC32 you specified did not match the calculated checksum.", e.Message);
    }

    [Fact]
    public async Task UnsignedTrailer_DeclaredButMissing_IncompleteBody()
    {
        using var payload = IncomingPayload.Create(UnsignedTrailerRequest(), Auth(SigV4Constants.StreamingUnsignedPayloadTrailer),
            Body("b\r\nhello world\r\n0\r\n\r\n"));
        Assert.Equal(S3ErrorCode.IncompleteBody, (await RejectsAsync(() => ReadAllAsync(payload))).Code);
    }

    static SignableRequest SdkRequest(string key, string amzDate, string contentLength, string contentType, string decoded, string signature) =>
        TestAuth.FromUrl("PUT", "http://127.0.0.1:45871/my-bucket/" + key,
            ("Expect", "100-continue"), ("amz-sdk-invocation-id", "62f3bea4-793c-4d96-9859-450dd553fac6"),
            ("amz-sdk-request", "attempt=1; max=3"), ("x-amz-sdk-checksum-algorithm", "CRC32"), ("X-Amz-Date", amzDate),
            ("X-Amz-Trailer", "x-amz-checksum-crc32"), ("X-Amz-Decoded-Content-Length", decoded),
            ("X-Amz-Content-SHA256", SigV4Constants.StreamingBodySha256Trailer), ("Authorization", SdkAuthorizationPrefix + signature),
            ("User-Agent", "aws-sdk-dotnet-coreclr/4.1.0.0"), ("Content-Length", contentLength), ("Content-Type", contentType),
            ("Content-Encoding", "aws-chunked"));

    const string SdkHelloBody = "B;chunk-signature=4886fb8f177ea50cb1010605c2db2fbeb704ebbbc48fd91be1f91364341c6b24\r\nhello world\r\n" +
        "0;chunk-signature=f7b7815ab84cb5f1e2e7c863112e2a3a42e229e8c5dc172d037c81e19df26a38\r\n" +
        "x-amz-checksum-crc32:DUoRhQ==\r\nx-amz-trailer-signature:b0b40ed17448de17c408536f1cae4b2e6e2357a32396a96fd16501579b159f4b\r\n\r\n";

    static IncomingPayload SdkHello(string body)
    {
        var request = SdkRequest("hello.txt", "20261128T173400Z", "304", "text/plain", "11",
            "f2cf6c7824dd483d42a6a3ce6339d00eca4f961107c52ef8adc3d1bb0e6f6a3d");
        var auth = TestAuth.Authenticator(TestAuth.At("2026-11-28T17:34:00Z")).Authenticate(request);
        return IncomingPayload.Create(request, auth, Body(body));
    }

    [Fact]
    public async Task DotNetSdkSignedTrailer_HelloWorld_Verified()
    {
        Assert.Equal(304, SdkHelloBody.Length);
        using var payload = SdkHello(SdkHelloBody);
        var (body, digest) = await ReadAllAsync(payload);
        Assert.Equal("hello world", Encoding.ASCII.GetString(body));
        Assert.Equal((ChecksumAlgorithm.Crc32, "DUoRhQ=="), (digest.ChecksumAlgorithm, digest.ChecksumBase64));
    }

    [Fact]
    public async Task DotNetSdkSignedTrailer_TamperedTrailerSignature_SignatureDoesNotMatch()
    {
        using var payload = SdkHello(SdkHelloBody.Replace("b0b40ed1", "b0b40ed2"));
        Assert.Equal(S3ErrorCode.SignatureDoesNotMatch, (await RejectsAsync(() => ReadAllAsync(payload))).Code);
    }

    [Fact]
    public async Task DotNetSdkSignedTrailer_TrailerSignatureMissing_IncompleteBody()
    {
        using var payload = SdkHello(SdkHelloBody.Replace("x-amz-trailer-signature:b0b40ed17448de17c408536f1cae4b2e6e2357a32396a96fd16501579b159f4b\r\n", ""));
        Assert.Equal(S3ErrorCode.IncompleteBody, (await RejectsAsync(() => ReadAllAsync(payload))).Code);
    }

    [Fact]
    public async Task DotNetSdkSignedTrailer_TwoChunksUpperCaseHexSizes_Verified()
    {
        var body = "14000;chunk-signature=a79fe3e2d27a05eeead56bc813d071322c7271387992e24addb69decf29dd2ed\r\n" + new string('a', 81920) + "\r\n" +
            "46A0;chunk-signature=1471086699e49350b5c6bb15a83ca1f3d5b659e7c7422a5b1ae558be42944d57\r\n" + new string('a', 18080) + "\r\n" +
            "0;chunk-signature=59971b07f15273a72a2ab97189205789927748405f111a56fd3e5b63215d5bdf\r\n" +
            "x-amz-checksum-crc32:G+L6hw==\r\nx-amz-trailer-signature:bbabec329b01804eec3b8585ce24f705e195480a84247b1bc8355305be9aad73\r\n\r\n";
        Assert.Equal(100386, body.Length);
        var request = SdkRequest("big.bin", "20261128T173401Z", "100386", "application/octet-stream", "100000",
            "8f37211f4ed899055819163f556c4188bcbe8d4c2242405f4722475f0b711a5e");
        var auth = TestAuth.Authenticator(TestAuth.At("2026-11-28T17:34:01Z")).Authenticate(request);
        using var payload = IncomingPayload.Create(request, auth, Body(body));
        var (decoded, digest) = await ReadAllAsync(payload, readSize: 4096);
        Assert.Equal(100000, decoded.Length);
        Assert.Equal("G+L6hw==", digest.ChecksumBase64);
    }
}
