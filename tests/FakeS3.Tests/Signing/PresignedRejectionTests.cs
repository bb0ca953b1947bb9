using FakeS3.Errors;
using FakeS3.Signing;
using FakeS3.Tests.Testing;

namespace FakeS3.Tests.Signing;

/// <summary>One test per presign check of spec §2.2, mutating AWS vector A; code, message and details asserted.</summary>
public class PresignedRejectionTests
{
    const string Base = "https://examplebucket.s3.amazonaws.com/test.txt?";
    const string Algorithm = "X-Amz-Algorithm=AWS4-HMAC-SHA256";
    const string Credential = "X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request";
    const string Date = "X-Amz-Date=20130524T000000Z";
    const string Expires = "X-Amz-Expires=86400";
    const string Signed = "X-Amz-SignedHeaders=host";
    const string Signature = "X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
    static readonly DateTimeOffset Now = TestAuth.At("2013-05-24T01:00:00Z");

    static S3Error Reject(string query, DateTimeOffset? now = null, params (string, string)[] headers) =>
        TestAuth.Rejects(() => TestAuth.Authenticator(now ?? Now).Authenticate(TestAuth.FromUrl("GET", Base + query, headers)));

    static string Url(string? algorithm = Algorithm, string? credential = Credential, string? date = Date, string? expires = Expires,
        string? signed = Signed, string? signature = Signature) =>
        string.Join('&', new[] { algorithm, credential, date, expires, signed, signature }.Where(p => p is not null));

    [Fact]
    public void Presign_MissingOneParameter_AuthorizationQueryParametersError()
    {
        var e = Reject(Url(expires: null));
        Assert.Equal(S3ErrorCode.AuthorizationQueryParametersError, e.Code);
        Assert.Equal("Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.", e.Message);
        Assert.Equal(400, e.Status);
    }

    [Fact]
    public void Presign_WrongAlgorithm_Rejected()
    {
        var e = Reject(Url(algorithm: "X-Amz-Algorithm=AWS4-HMAC-SHA1"));
        Assert.Equal("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256 and AWS4-ECDSA-P256-SHA256\"", e.Message);
    }

    [Theory]
    [InlineData("X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3", "Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".")]
    [InlineData("X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F2013-05-24%2Fus-east-1%2Fs3%2Faws4_request", "Error parsing the X-Amz-Credential parameter; incorrect date format \"2013-05-24\". This date in the credential must be in the format \"yyyyMMdd\".")]
    [InlineData("X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs4%2Faws4_request", "Error parsing the X-Amz-Credential parameter; incorrect service \"s4\". This endpoint belongs to \"s3\".")]
    [InlineData("X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws5_request", "Error parsing the X-Amz-Credential parameter; incorrect terminal \"aws5_request\". This endpoint uses \"aws4_request\".")]
    public void Presign_BadCredential_ExactMessage(string credential, string message)
    {
        var e = Reject(Url(credential: credential));
        Assert.Equal(S3ErrorCode.AuthorizationQueryParametersError, e.Code);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Presign_WrongRegion_NamesExpectedRegion()
    {
        var e = Reject(Url(credential: "X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Feu-west-1%2Fs3%2Faws4_request"));
        Assert.Equal("Error parsing the X-Amz-Credential parameter; the region 'eu-west-1' is wrong; expecting 'us-east-1'", e.Message);
        Assert.Equal([("Region", "us-east-1")], e.Details);
    }

    [Fact]
    public void Presign_MalformedDate_Rejected()
    {
        var e = Reject(Url(date: "X-Amz-Date=2013-05-24T00:00:00Z"));
        Assert.Equal("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"", e.Message);
    }

    [Fact]
    public void Presign_CredentialDateDiffersFromAmzDate_Rejected()
    {
        var e = Reject(Url(date: "X-Amz-Date=20130525T000000Z"));
        Assert.Equal("Invalid credential date \"20130524\". This date is not the same as X-Amz-Date: \"20130525\".", e.Message);
    }

    [Theory]
    [InlineData("X-Amz-Expires=abc", "X-Amz-Expires should be a number")]
    [InlineData("X-Amz-Expires=-1", "X-Amz-Expires must be non-negative")]
    [InlineData("X-Amz-Expires=604801", "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds")]
    public void Presign_BadExpires_ExactMessage(string expires, string message)
    {
        var e = Reject(Url(expires: expires));
        Assert.Equal(S3ErrorCode.AuthorizationQueryParametersError, e.Code);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Presign_UnknownAccessKey_InvalidAccessKeyId()
    {
        var e = Reject(Url(credential: "X-Amz-Credential=NOPE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"));
        Assert.Equal(S3ErrorCode.InvalidAccessKeyId, e.Code);
        Assert.Equal("The AWS Access Key Id you provided does not exist in our records.", e.Message);
        Assert.Equal([("AWSAccessKeyId", "NOPE")], e.Details);
        Assert.Equal(403, e.Status);
    }

    [Fact]
    public void Presign_PastExpiry_RequestHasExpired()
    {
        var e = Reject(Url(), TestAuth.At("2013-05-25T00:00:01Z"));
        Assert.Equal(S3ErrorCode.AccessDenied, e.Code);
        Assert.Equal("Request has expired", e.Message);
        Assert.Equal([("X-Amz-Expires", "86400"), ("Expires", "2013-05-25T00:00:00Z"), ("ServerTime", "2013-05-25T00:00:01Z")], e.Details);
        Assert.NotNull(e.Explanation);
    }

    [Fact]
    public void Presign_ExactlyAtExpiry_StillValid()
    {
        var result = TestAuth.Authenticator(TestAuth.At("2013-05-25T00:00:00Z")).Authenticate(TestAuth.FromUrl("GET", Base + Url()));
        Assert.Equal(AuthKind.SigV4Query, result.Kind);
    }

    [Fact]
    public void Presign_ExpiresZero_ExpiredImmediately()
    {
        var e = Reject(Url(expires: "X-Amz-Expires=0"), TestAuth.At("2013-05-24T00:00:00Z"));
        Assert.Equal("Request has expired", e.Message);
    }

    [Fact]
    public void Presign_DateBeyondSkew_RequestIsNotYetValid()
    {
        var e = Reject(Url(), TestAuth.At("2013-05-23T23:44:59Z"));
        Assert.Equal("Request is not yet valid", e.Message);
        Assert.Equal([("X-Amz-Date", "1369353600000"), ("Expires", "2013-05-25T00:00:00Z"), ("ServerTime", "2013-05-23T23:44:59Z")], e.Details);
    }

    [Fact]
    public void Presign_UnsignedAmzHeader_HeadersNotSigned()
    {
        var e = Reject(Url(), null, ("x-amz-acl", "public-read"), ("X-Amz-Meta-Foo", "bar"), ("x-amz-content-sha256", "UNSIGNED-PAYLOAD"));
        Assert.Equal(S3ErrorCode.AccessDenied, e.Code);
        Assert.Equal("There were headers present in the request which were not signed", e.Message);
        Assert.Equal([("HeadersNotSigned", "x-amz-acl, x-amz-meta-foo")], e.Details);
    }

    [Fact]
    public void Presign_TamperedSignature_SignatureDoesNotMatchWithCanonicalRequest()
    {
        const string bad = "0000000000000000000000000000000000000000000000000000000000000000";
        var e = Reject(Url(signature: "X-Amz-Signature=" + bad));
        Assert.Equal(S3ErrorCode.SignatureDoesNotMatch, e.Code);
        Assert.Equal(S3Errors.SignatureMismatchMessage, e.Message);
        Assert.Equal(["AWSAccessKeyId", "StringToSign", "SignatureProvided", "StringToSignBytes", "CanonicalRequest", "CanonicalRequestBytes"],
            e.Details.Select(d => d.Name));
        Assert.Equal("AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04", e.Detail("StringToSign"));
        Assert.Equal(bad, e.Detail("SignatureProvided"));
        Assert.StartsWith("41 57 53 34 2d 48 4d 41 43 2d 53 48 41 32 35 36 0a 32 30", e.Detail("StringToSignBytes"));
        Assert.Contains("host 'examplebucket.s3.amazonaws.com'", e.Explanation);
        Assert.DoesNotContain(TestAuth.Secret, e.Explanation);
    }

    [Fact]
    public void Presign_OtherHost_SignatureDoesNotMatchExplainsHost()
    {
        var request = TestAuth.FromUrl("GET", "http://localhost:4566/test.txt?" + Url());
        var e = TestAuth.Rejects(() => TestAuth.Authenticator(Now).Authenticate(request));
        Assert.Equal(S3ErrorCode.SignatureDoesNotMatch, e.Code);
        Assert.Contains("host:localhost:4566\n", e.Detail("CanonicalRequest"));
        Assert.Contains("'localhost:4566'", e.Explanation);
    }

    [Fact]
    public void Presign_UpperCaseHexSignature_Rejected()
    {
        var e = Reject(Url(signature: "X-Amz-Signature=AEEED9BBCCD4D02EE5C0109B86D86835F995330DA4C265957D157751F604D404"));
        Assert.Equal(S3ErrorCode.SignatureDoesNotMatch, e.Code);
        Assert.Contains("upper-case", e.Explanation);
    }

    [Fact]
    public void Presign_ConfiguredSessionTokenMissing_AccessDenied()
    {
        var auth = TestAuth.Authenticator(Now, sessionToken: "tok");
        var e = TestAuth.Rejects(() => auth.Authenticate(TestAuth.FromUrl("GET", Base + Url())));
        Assert.Equal(S3ErrorCode.AccessDenied, e.Code);
        Assert.Equal("Access Denied", e.Message);
    }
}
