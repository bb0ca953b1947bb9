using FakeS3.Signing;
using FakeS3.Tests.Testing;

namespace FakeS3.Tests.Signing;

/// <summary>
/// AWS-published SigV4 examples (spec §1.8 A–E, S3 API guide pages sigv4-query-string-auth and
/// sig-v4-header-based-auth), each stage asserted separately so a failure names the stage.
/// </summary>
public class SigV4VectorTests
{
    const string EmptySha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    const string VectorAUrl = "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
    static readonly DateTimeOffset May24 = TestAuth.At("2013-05-24T00:00:00Z");

    [Fact]
    public void SigningKey_DocumentedScope_MatchesPublishedHex()
    {
        var key = SigningKey.Derive(TestAuth.Secret, "20130524", "us-east-1", "s3");
        Assert.Equal("dbb893acc010964918f1fd433add87c70e8b0db6be30c1fbeafefa5ec6ba8378", Convert.ToHexStringLower(key));
    }

    [Fact]
    public void SigningKey_PostExampleDate_MatchesPublishedHex()
    {
        var key = SigningKey.Derive(TestAuth.Secret, "20151229", "us-east-1", "s3");
        Assert.Equal("cbcef1ebeaefc82cce6530b9f0a9ae598846065f5c5bae0674bd5ebc4ba52d28", Convert.ToHexStringLower(key));
    }

    [Fact]
    public void PresignedGet_VectorA_EachStageMatches()
    {
        var request = TestAuth.FromUrl("GET", VectorAUrl);
        var scope = new CredentialScope(TestAuth.AccessKeyId, "20130524", "us-east-1", "s3");
        var computed = new SigV4Verifier(new SigningKeyCache()).Compute(request, scope, TestAuth.Secret, "20130524T000000Z",
            ["host"], "host", SigV4Constants.UnsignedPayload, presigned: true);

        Assert.Equal("GET\n/test.txt\nX-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host\nhost:examplebucket.s3.amazonaws.com\n\nhost\nUNSIGNED-PAYLOAD",
            computed.CanonicalRequest);
        Assert.Equal("AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04",
            computed.StringToSign);
        Assert.Equal("dbb893acc010964918f1fd433add87c70e8b0db6be30c1fbeafefa5ec6ba8378", Convert.ToHexStringLower(computed.SigningKey));
        Assert.Equal("aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404", computed.Signature);
    }

    [Fact]
    public void PresignedGet_VectorA_Authenticates()
    {
        var result = TestAuth.Authenticator(May24.AddHours(1)).Authenticate(TestAuth.FromUrl("GET", VectorAUrl));
        Assert.Equal(AuthKind.SigV4Query, result.Kind);
        Assert.Equal(TestAuth.AccessKeyId, result.AccessKeyId);
        Assert.Equal(SigV4Constants.UnsignedPayload, result.PayloadHash);
        Assert.Equal(May24.AddSeconds(86400), result.Expires);
        Assert.Equal(["host"], result.SignedHeaders);
    }

    [Fact]
    public void HeaderGetWithRange_VectorB_EachStageMatches()
    {
        var request = TestAuth.FromUrl("GET", "https://examplebucket.s3.amazonaws.com/test.txt",
            ("Range", "bytes=0-9"), ("x-amz-content-sha256", EmptySha), ("x-amz-date", "20130524T000000Z"),
            ("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"));
        var computed = Compute(request, "host;range;x-amz-content-sha256;x-amz-date", EmptySha);
        Assert.Equal($"GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\nx-amz-content-sha256:{EmptySha}\nx-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n{EmptySha}",
            computed.CanonicalRequest);
        Assert.EndsWith("\n7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972", computed.StringToSign);
        Assert.Equal("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", computed.Signature);
        Assert.Equal(AuthKind.SigV4Header, TestAuth.Authenticator(May24).Authenticate(request).Kind);
    }

    [Fact]
    public void HeaderPut_VectorC_EncodesDollarAndMatches()
    {
        const string bodySha = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";
        var request = TestAuth.FromUrl("PUT", "https://examplebucket.s3.amazonaws.com/test$file.text",
            ("Date", "Fri, 24 May 2013 00:00:00 GMT"), ("x-amz-date", "20130524T000000Z"),
            ("x-amz-storage-class", "REDUCED_REDUNDANCY"), ("x-amz-content-sha256", bodySha),
            ("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"));
        var computed = Compute(request, "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class", bodySha);
        Assert.StartsWith("PUT\n/test%24file.text\n\n", computed.CanonicalRequest);
        Assert.EndsWith("\n9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d", computed.StringToSign);
        Assert.Equal("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd", computed.Signature);
        var result = TestAuth.Authenticator(May24).Authenticate(request);
        Assert.Equal(bodySha, result.PayloadHash);
    }

    [Theory]
    [InlineData("lifecycle", "lifecycle=", "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")]
    [InlineData("max-keys=2&prefix=J", "max-keys=2&prefix=J", "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")]
    public void HeaderGetBucket_VectorsDE_CanonicalQueryAndSignatureMatch(string rawQuery, string canonicalQuery, string signature)
    {
        var request = TestAuth.FromUrl("GET", "https://examplebucket.s3.amazonaws.com/?" + rawQuery,
            ("x-amz-content-sha256", EmptySha), ("x-amz-date", "20130524T000000Z"),
            ("Authorization", $"AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature={signature}"));
        var computed = Compute(request, "host;x-amz-content-sha256;x-amz-date", EmptySha);
        Assert.StartsWith($"GET\n/\n{canonicalQuery}\n", computed.CanonicalRequest);
        Assert.Equal(signature, computed.Signature);
        Assert.Equal(AuthKind.SigV4Header, TestAuth.Authenticator(May24).Authenticate(request).Kind);
    }

    static SigV4Computation Compute(SignableRequest request, string signedHeaders, string payloadHash) =>
        new SigV4Verifier(new SigningKeyCache()).Compute(request, new CredentialScope(TestAuth.AccessKeyId, "20130524", "us-east-1", "s3"),
            TestAuth.Secret, "20130524T000000Z", signedHeaders.Split(';'), signedHeaders, payloadHash, presigned: false);
}
