using FakeS3.Diagnostics;

namespace FakeS3.Tests.Harness;

/// <summary>
/// Pure diagnosis against botocore's presigned URLs (spec §1.8 G: clock 2015-12-29T00:00:00Z, endpoint
/// http://localhost:4566, us-east-1), never against FakeS3's own signer. Each test hands the diagnosis the
/// CanonicalRequest FakeS3 would compute for a request that was changed after signing.
/// </summary>
public class SignatureDiagnosisTests
{
    const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
    const string StringToSignPrefix = "AWS4-HMAC-SHA256\n20151229T000000Z\n20151229/us-east-1/s3/aws4_request\n";
    const string GetQuery = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20151229%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20151229T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host";
    const string GetSignature = "3c3f0b38369d22cc61b5b1901e27be85736de4ed5fa568aa55882ad2609998f6";
    const string GetPath = "/my-bucket/dir/a%20b%2Bc~%C3%A9.txt";

    static SignatureDiagnosisResult Diagnose(string host, string rawPath, string rawQuery, string canonical, string signature, string secret = Secret) =>
        SignatureDiagnosis.Diagnose(new SignatureDiagnosisInput(host, rawPath, rawQuery, canonical,
            StringToSignPrefix + new string('0', 64), signature, AccessKey, secret, "localhost"));

    static string GetCanonical(string host, string path = GetPath) =>
        $"GET\n{path}\n{GetQuery}\nhost:{host}\n\nhost\nUNSIGNED-PAYLOAD";

    [Fact]
    public void SignedForLocalhost_SentTo127001_NamesTheSigningHost()
    {
        var result = Diagnose("127.0.0.1:4566", GetPath, GetQuery + "&X-Amz-Signature=" + GetSignature, GetCanonical("127.0.0.1:4566"), GetSignature);
        Assert.Equal(SignatureCause.HostMismatch, result.Cause);
        Assert.Contains("signed for host 'localhost:4566'", result.Advice);
    }

    [Fact]
    public void SignedWithPort_SentWithoutPort_NamesThePort()
    {
        var result = Diagnose("localhost", GetPath, GetQuery, GetCanonical("localhost"), GetSignature);
        Assert.Equal(SignatureCause.HostMismatch, result.Cause);
        Assert.Contains("'localhost:4566'", result.Advice);
    }

    [Fact]
    public void SpaceReencodedAsPlus_IsDiagnosedAsReencoded()
    {
        const string rawPath = "/my-bucket/dir/a+b%2Bc~%C3%A9.txt";
        var result = Diagnose("localhost:4566", rawPath, GetQuery, GetCanonical("localhost:4566", "/my-bucket/dir/a%2Bb%2Bc~%C3%A9.txt"), GetSignature);
        Assert.Equal(SignatureCause.UrlReencoded, result.Cause);
    }

    [Fact]
    public void ContentTypeGainedACharset_IsDiagnosedAsHeaderChanged()
    {
        const string query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20151229%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20151229T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=content-type%3Bhost%3Bx-amz-meta-foo";
        var canonical = $"PUT\n/my-bucket/k.txt\n{query}\ncontent-type:text/plain; charset=utf-8\nhost:localhost:4566\nx-amz-meta-foo:bar\n\ncontent-type;host;x-amz-meta-foo\nUNSIGNED-PAYLOAD";
        var result = Diagnose("localhost:4566", "/my-bucket/k.txt", query, canonical, "b07462c8e471634d0462154f812eb6d2c08b29bf01c94b57aabe8e5cdd689049");
        Assert.Equal(SignatureCause.HeaderChanged, result.Cause);
        Assert.Contains("'content-type: text/plain'", result.Advice);
    }

    [Fact]
    public void WrongSecret_NoVariantMatches_SaysSoWithoutTheSecret()
    {
        var result = Diagnose("localhost:4566", GetPath, GetQuery, GetCanonical("localhost:4566"), GetSignature, secret: "another-secret");
        Assert.Equal(SignatureCause.WrongSecretOrTampered, result.Cause);
        Assert.Contains("secret", result.Advice);
        Assert.DoesNotContain("another-secret", result.Advice);
    }

    [Fact]
    public void OtherConfiguredCredential_IsNamed()
    {
        var input = new SignatureDiagnosisInput("localhost:4566", GetPath, GetQuery, GetCanonical("localhost:4566"),
            StringToSignPrefix, GetSignature, AccessKey, "another-secret", "localhost")
        {
            OtherCredentials = [("second-key", Secret)],
        };
        var result = SignatureDiagnosis.Diagnose(input);
        Assert.Equal(SignatureCause.OtherCredential, result.Cause);
        Assert.Contains("'second-key'", result.Advice);
    }

    [Fact]
    public void HostCandidates_SwapLoopbackNamesAndPorts_NeverTheReceivedHost()
    {
        var candidates = SignatureDiagnosis.HostCandidates("127.0.0.1:9000", "localhost").ToList();
        Assert.Contains("localhost:9000", candidates);
        Assert.Contains("127.0.0.1", candidates);
        Assert.Contains("localhost", candidates);
        Assert.DoesNotContain("127.0.0.1:9000", candidates);
    }
}
