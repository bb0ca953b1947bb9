using FakeS3.Errors;
using FakeS3.Signing;
using FakeS3.Tests.Testing;

namespace FakeS3.Tests.Signing;

/// <summary>Spec §2.1 auth-type detection, plus SigV2 rejections.</summary>
public class AuthDetectionTests
{
    static readonly DateTimeOffset Now = TestAuth.At("2026-11-28T17:40:00Z");

    static S3Error Reject(SignableRequest request, DateTimeOffset? now = null) =>
        TestAuth.Rejects(() => TestAuth.Authenticator(now ?? Now).Authenticate(request));

    [Fact]
    public void Detect_NoAuth_Anonymous()
    {
        var result = TestAuth.Authenticator(Now).Authenticate(TestAuth.FromUrl("GET", "http://localhost:4568/b/k?versionId=1"));
        Assert.Same(AuthResult.Anonymous, result);
        Assert.False(result.IsAuthenticated);
    }

    [Fact]
    public void Detect_HeaderAndQuery_InvalidArgument()
    {
        const string header = "AWS4-HMAC-SHA256 Credential=x";
        var e = Reject(TestAuth.FromUrl("GET", "http://localhost:4568/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256", ("Authorization", header)));
        Assert.Equal(S3ErrorCode.InvalidArgument, e.Code);
        Assert.Equal("Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified", e.Message);
        Assert.Equal([("ArgumentName", "Authorization"), ("ArgumentValue", header)], e.Details);
    }

    [Fact]
    public void Detect_PartialV4Query_AuthorizationQueryParametersError()
    {
        var e = Reject(TestAuth.FromUrl("GET", "http://localhost:4568/b/k?X-Amz-Signature=abc"));
        Assert.Equal(S3ErrorCode.AuthorizationQueryParametersError, e.Code);
    }

    [Fact]
    public void Detect_PartialV2Query_AccessDenied()
    {
        var e = Reject(TestAuth.FromUrl("GET", "http://localhost:4568/b/k?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=1795890836"));
        Assert.Equal(S3ErrorCode.AccessDenied, e.Code);
        Assert.Equal("Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters", e.Message);
    }

    [Fact]
    public void SigV2Query_PastExpires_RequestExpiredWithoutXAmzExpires()
    {
        var e = Reject(TestAuth.FromUrl("GET", "http://localhost:4568/my-bucket/k.txt?response-content-type=text%2Fcsv&AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=cqEgBB%2FnkthdR3Q6%2BkwQX78uwRI%3D&Expires=1795890836"),
            TestAuth.At("2026-11-28T18:33:57Z"));
        Assert.Equal("Request has expired", e.Message);
        Assert.Equal([("Expires", "2026-11-28T18:33:56Z"), ("ServerTime", "2026-11-28T18:33:57Z")], e.Details);
    }

    [Fact]
    public void SigV2Query_TamperedPath_SignatureDoesNotMatchWithoutCanonicalRequest()
    {
        var e = Reject(TestAuth.FromUrl("GET", "http://localhost:4568/my-bucket/other.txt?response-content-type=text%2Fcsv&AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=cqEgBB%2FnkthdR3Q6%2BkwQX78uwRI%3D&Expires=1795890836"));
        Assert.Equal(S3ErrorCode.SignatureDoesNotMatch, e.Code);
        Assert.Equal(["AWSAccessKeyId", "StringToSign", "SignatureProvided", "StringToSignBytes"], e.Details.Select(d => d.Name));
        Assert.Equal("GET\n\n\n1795890836\n/my-bucket/other.txt?response-content-type=text/csv", e.Detail("StringToSign"));
        Assert.Equal("cqEgBB/nkthdR3Q6+kwQX78uwRI=", e.Detail("SignatureProvided"));
    }

    [Fact]
    public void SigV2Header_Skewed_RequestTimeTooSkewed()
    {
        var request = TestAuth.FromUrl("GET", "http://localhost:4568/b/k", ("Date", "Sat, 28 Nov 2026 16:00:00 GMT"),
            ("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:abc="));
        var e = Reject(request);
        Assert.Equal(S3ErrorCode.RequestTimeTooSkewed, e.Code);
        Assert.Equal("Sat, 28 Nov 2026 16:00:00 GMT", e.Detail("RequestTime"));
    }

    [Fact]
    public void SigV2Header_NoColon_InvalidArgument()
    {
        var e = Reject(TestAuth.FromUrl("GET", "http://localhost:4568/b/k", ("Authorization", "AWS AKIAIOSFODNN7EXAMPLE")));
        Assert.Equal(S3ErrorCode.InvalidArgument, e.Code);
    }
}
