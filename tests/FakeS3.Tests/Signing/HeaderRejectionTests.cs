using FakeS3.Errors;
using FakeS3.Signing;
using FakeS3.Tests.Testing;

namespace FakeS3.Tests.Signing;

/// <summary>One test per Authorization-header check of spec §2.3, starting from AWS vector B.</summary>
public class HeaderRejectionTests
{
    const string Url = "https://examplebucket.s3.amazonaws.com/test.txt";
    const string EmptySha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    const string Credential = "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request";
    const string SignedHeaders = "host;range;x-amz-content-sha256;x-amz-date";
    const string Sig = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41";
    static readonly DateTimeOffset Now = TestAuth.At("2013-05-24T00:05:00Z");

    static S3Error Reject(string authorization, DateTimeOffset? now = null, string? sha = EmptySha, string? amzDate = "20130524T000000Z",
        params (string, string)[] extra)
    {
        var headers = new List<(string, string)> { ("Range", "bytes=0-9"), ("Authorization", authorization) };
        if (sha is not null) headers.Add(("x-amz-content-sha256", sha));
        if (amzDate is not null) headers.Add(("x-amz-date", amzDate));
        headers.AddRange(extra);
        return TestAuth.Rejects(() => TestAuth.Authenticator(now ?? Now).Authenticate(TestAuth.FromUrl("GET", Url, [.. headers])));
    }

    static string Auth(string credential = Credential, string signedHeaders = SignedHeaders, string signature = Sig) =>
        $"AWS4-HMAC-SHA256 Credential={credential}, SignedHeaders={signedHeaders}, Signature={signature}";

    [Fact]
    public void Header_WrongRegion_AuthorizationHeaderMalformedWithRegion()
    {
        var e = Reject(Auth(credential: "AKIAIOSFODNN7EXAMPLE/20130524/eu-west-1/s3/aws4_request"));
        Assert.Equal(S3ErrorCode.AuthorizationHeaderMalformed, e.Code);
        Assert.Equal("The authorization header is malformed; the region 'eu-west-1' is wrong; expecting 'us-east-1'", e.Message);
        Assert.Equal([("Region", "us-east-1")], e.Details);
    }

    [Theory]
    [InlineData("AWS4-HMAC-SHA256 SignedHeaders=host, Signature=abc", "missing Credential.")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, Signature=abc", "missing SignedHeaders.")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host", "missing Signature.")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=abc", "the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=abc", "incorrect service \"ec2\". This endpoint belongs to \"s3\".")]
    public void Header_Malformed_ExactReason(string authorization, string reason)
    {
        var e = Reject(authorization);
        Assert.Equal(S3ErrorCode.AuthorizationHeaderMalformed, e.Code);
        Assert.Equal("The authorization header is malformed; " + reason, e.Message);
    }

    [Fact]
    public void Header_NoDate_AccessDenied()
    {
        var e = Reject(Auth(), amzDate: null);
        Assert.Equal(S3ErrorCode.AccessDenied, e.Code);
        Assert.Equal("AWS authentication requires a valid Date or x-amz-date header", e.Message);
    }

    [Fact]
    public void Header_ClockSkew_RequestTimeTooSkewed()
    {
        var e = Reject(Auth(), TestAuth.At("2013-05-24T00:15:01Z"));
        Assert.Equal(S3ErrorCode.RequestTimeTooSkewed, e.Code);
        Assert.Equal("The difference between the request time and the current time is too large.", e.Message);
        Assert.Equal([("RequestTime", "20130524T000000Z"), ("ServerTime", "2013-05-24T00:15:01Z"), ("MaxAllowedSkewMilliseconds", "900000")], e.Details);
    }

    [Fact]
    public void Header_ContentSha256Missing_InvalidRequest()
    {
        var e = Reject(Auth(), sha: null);
        Assert.Equal(S3ErrorCode.InvalidRequest, e.Code);
        Assert.Equal("Missing required header for this request: x-amz-content-sha256", e.Message);
    }

    [Fact]
    public void Header_ContentSha256NotSigned_InvalidRequest()
    {
        var e = Reject(Auth(signedHeaders: "host;range;x-amz-date"));
        Assert.Equal("header 'x-amz-content-sha256' must be included in signature", e.Message);
    }

    [Fact]
    public void Header_ContentSha256Invalid_InvalidArgument()
    {
        var e = Reject(Auth(), sha: "nope");
        Assert.Equal(S3ErrorCode.InvalidArgument, e.Code);
        Assert.StartsWith("x-amz-content-sha256 must be UNSIGNED-PAYLOAD, ", e.Message);
        Assert.Equal([("ArgumentName", "x-amz-content-sha256"), ("ArgumentValue", "nope")], e.Details);
    }

    [Fact]
    public void Header_SigV4aStreaming_NotImplemented()
    {
        var e = Reject(Auth(), sha: SigV4Constants.StreamingEcdsaPayload);
        Assert.Equal(S3ErrorCode.NotImplemented, e.Code);
        Assert.Equal(501, e.Status);
    }

    [Fact]
    public void Header_UnknownAccessKey_InvalidAccessKeyId()
    {
        var e = Reject(Auth(credential: "NOPE/20130524/us-east-1/s3/aws4_request"));
        Assert.Equal(S3ErrorCode.InvalidAccessKeyId, e.Code);
        Assert.Equal([("AWSAccessKeyId", "NOPE")], e.Details);
    }

    [Fact]
    public void Header_UnsignedAmzHeader_HeadersNotSigned()
    {
        var e = Reject(Auth(), extra: ("x-amz-acl", "private"));
        Assert.Equal("There were headers present in the request which were not signed", e.Message);
        Assert.Equal([("HeadersNotSigned", "x-amz-acl")], e.Details);
    }

    [Fact]
    public void Header_WrongSignature_SignatureDoesNotMatch()
    {
        var e = Reject(Auth(signature: new string('1', 64)));
        Assert.Equal(S3ErrorCode.SignatureDoesNotMatch, e.Code);
        Assert.Contains("range:bytes=0-9\n", e.Detail("CanonicalRequest"));
    }

    [Fact]
    public void Header_UnknownScheme_UnsupportedAuthorizationType()
    {
        var e = Reject("Bearer abc");
        Assert.Equal(S3ErrorCode.InvalidArgument, e.Code);
        Assert.Equal("Unsupported Authorization Type", e.Message);
        Assert.Equal("Bearer abc", e.Detail("ArgumentValue"));
    }
}
