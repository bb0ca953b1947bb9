using FakeS3.Errors;
using FakeS3.Form;
using FakeS3.Policy;
using static FakeS3.Tests.Policy.PolicyTestData;

namespace FakeS3.Tests.Policy;

public class PostFormTests
{
    const string Credential = "AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request";

    static PostForm V4(string credential = Credential, string date = "20151229T000000Z") => new(("key", "k"),
        ("X-Amz-Algorithm", "AWS4-HMAC-SHA256"), ("X-Amz-Credential", credential), ("X-Amz-Date", date),
        ("Policy", "cG9saWN5"), ("X-Amz-Signature", "abc"));

    [Fact]
    public void Validate_MissingKey_IsInvalidArgumentWithTwoSpaces() =>
        AssertError(Throws(() => PostFormValidator.Validate(new(("policy", "p")))), 400, S3ErrorCode.InvalidArgument,
            "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.",
            ("ArgumentName", "key"), ("ArgumentValue", ""));

    [Fact]
    public void Validate_SomeSigV4Fields_NamesFirstMissingCanonically()
    {
        AssertError(Throws(() => PostFormValidator.Validate(new(("key", "k"), ("x-amz-signature", "s"), ("x-amz-credential", "c")))),
            400, S3ErrorCode.InvalidArgument,
            "Bucket POST must contain a field named 'X-Amz-Algorithm'.  If it is specified, please check the order of the fields.",
            ("ArgumentName", "X-Amz-Algorithm"), ("ArgumentValue", ""));
        Assert.Equal("X-Amz-Signature", Throws(() => PostFormValidator.Validate(new(("key", "k"), ("x-amz-algorithm", "a"),
            ("x-amz-credential", "c"), ("x-amz-date", "d")))).Detail("ArgumentName"));
    }

    [Fact]
    public void Validate_SigV2Partial_NamesSignature() =>
        Assert.Equal("Signature", Throws(() => PostFormValidator.Validate(new(("key", "k"), ("AWSAccessKeyId", "a")))).Detail("ArgumentName"));

    [Fact]
    public void Auth_CompleteSigV4_ParsesScope()
    {
        PostFormValidator.Validate(V4());
        var auth = Assert.IsType<SigV4PostAuth>(PostFormAuth.Parse(V4(), "us-east-1"));
        Assert.Equal(("AKIAIOSFODNN7EXAMPLE", "20151229", "us-east-1", "cG9saWN5"), (auth.AccessKeyId, auth.Date, auth.Region, auth.Policy));
    }

    [Fact]
    public void Auth_NoSignatureFields_IsAnonymous() =>
        Assert.IsType<AnonymousPostAuth>(PostFormAuth.Parse(new(("key", "k"), ("policy", "p")), "us-east-1"));

    [Fact]
    public void Auth_SigV2Fields_IsSigV2() =>
        Assert.IsType<SigV2PostAuth>(PostFormAuth.Parse(new(("key", "k"), ("AWSAccessKeyId", "a"), ("signature", "s"), ("policy", "p")), "us-east-1"));

    [Fact]
    public void Auth_WrongRegion_IsInvalidArgumentWithRegion() =>
        AssertError(Throws(() => PostFormAuth.Parse(V4(), "us-west-1")), 400, S3ErrorCode.InvalidArgument,
            "the region 'us-east-1' is wrong; expecting 'us-west-1'",
            ("ArgumentName", "X-Amz-Credential"), ("ArgumentValue", Credential), ("Region", "us-west-1"));

    [Fact]
    public void Auth_EmptyAccessKey_IsNonEmptyAkidError() =>
        Assert.Equal("a non-empty Access Key (AKID) must be provided in the credential.",
            Throws(() => PostFormAuth.Parse(V4("/20151229/us-east-1/s3/aws4_request"), "us-east-1")).Message);

    [Fact]
    public void Auth_BadAmzDate_IsFormatedViaIso8601() =>
        AssertError(Throws(() => PostFormAuth.Parse(V4(date: "2015-12-29"), "us-east-1")), 400, S3ErrorCode.InvalidArgument,
            "X-Amz-Date must be formated via ISO8601 Long format", ("ArgumentName", "X-Amz-Date"), ("ArgumentValue", "2015-12-29"));

    [Fact]
    public void Auth_MalformedCredential_IsInvalidArgument() =>
        Assert.Equal(S3Errors.CredentialMalformedReason, Throws(() => PostFormAuth.Parse(V4("AKID/x"), "us-east-1")).Message);

    [Fact]
    public void Auth_SignatureMismatch_UsesPolicyAsStringToSign()
    {
        var error = S3Errors.SignatureDoesNotMatch("AKIAIOSFODNN7EXAMPLE", "cG9saWN5", "abc", null);
        Assert.Equal(["AWSAccessKeyId", "StringToSign", "SignatureProvided", "StringToSignBytes"], error.Details.Select(d => d.Name));
        Assert.Equal(403, error.Status);
    }
}
