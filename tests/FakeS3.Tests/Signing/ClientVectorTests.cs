using FakeS3.Signing;
using FakeS3.Tests.Testing;

namespace FakeS3.Tests.Signing;

/// <summary>
/// URLs signed by real clients, recorded as independent vectors: botocore s3v4 (spec §1.8 G, frozen at
/// 2015-12-29, endpoint http://localhost:4566), and boto3 1.43.11's default SigV2 presign for us-east-1
/// (recorded 2026-11-28 against http://localhost:4568, Expires=1795890836 = 2026-11-28T18:33:56Z).
/// </summary>
public class ClientVectorTests
{
    const string Prefix = "http://localhost:4566/my-bucket/";
    const string V4Common = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20151229%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20151229T000000Z";
    static readonly DateTimeOffset Dec29 = TestAuth.At("2015-12-29T00:00:30Z");
    static readonly DateTimeOffset BeforeV2Expiry = TestAuth.At("2026-11-28T17:40:00Z");

    [Fact]
    public void BotocorePresignedGet_UnicodeKeyWithSpaceAndPlus_Authenticates()
    {
        var url = Prefix + "dir/a%20b%2Bc~%C3%A9.txt?" + V4Common + "&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=3c3f0b38369d22cc61b5b1901e27be85736de4ed5fa568aa55882ad2609998f6";
        var result = TestAuth.Authenticator(Dec29).Authenticate(TestAuth.FromUrl("GET", url));
        Assert.Equal(AuthKind.SigV4Query, result.Kind);
    }

    [Fact]
    public void BotocorePresignedPut_SignedContentTypeAndMeta_AuthenticatesWithThoseHeaders()
    {
        var url = Prefix + "k.txt?" + V4Common + "&X-Amz-Expires=3600&X-Amz-SignedHeaders=content-type%3Bhost%3Bx-amz-meta-foo&X-Amz-Signature=b07462c8e471634d0462154f812eb6d2c08b29bf01c94b57aabe8e5cdd689049";
        var request = TestAuth.FromUrl("PUT", url, ("Content-Type", "text/plain"), ("x-amz-meta-foo", "bar"));
        Assert.Equal(AuthKind.SigV4Query, TestAuth.Authenticator(Dec29).Authenticate(request).Kind);
    }

    [Fact]
    public void BotocorePresignedGet_ResponseOverrides_SortAfterAmzParameters()
    {
        var url = Prefix + "k.txt?response-content-disposition=attachment%3B%20filename%3D%22x.txt%22&response-content-type=text%2Fcsv&" + V4Common + "&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=69ce29aea0194588821900364076f6dacec5af1b3ae28c99eb3f3e5236bd37ee";
        var request = TestAuth.FromUrl("GET", url);
        Assert.Equal(AuthKind.SigV4Query, TestAuth.Authenticator(Dec29).Authenticate(request).Kind);
        var canonicalQuery = CanonicalRequest.CanonicalQuery(request.Query, excludeSignature: true);
        Assert.StartsWith("X-Amz-Algorithm=", canonicalQuery);
        Assert.EndsWith("&response-content-disposition=attachment%3B%20filename%3D%22x.txt%22&response-content-type=text%2Fcsv", canonicalQuery);
    }

    [Theory]
    [InlineData("http://localhost:4568/my-bucket/dir/a%20b%2Bc~%C3%A9.txt?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=cR4OFmh1FNEGo37rOcUBPvBMczU%3D&Expires=1795890836")]
    [InlineData("http://localhost:4568/my-bucket/k.txt?response-content-type=text%2Fcsv&AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=cqEgBB%2FnkthdR3Q6%2BkwQX78uwRI%3D&Expires=1795890836")]
    public void Boto3DefaultPresign_SigV2Get_Authenticates(string url)
    {
        var result = TestAuth.Authenticator(BeforeV2Expiry).Authenticate(TestAuth.FromUrl("GET", url));
        Assert.Equal(AuthKind.SigV2Query, result.Kind);
        Assert.Equal(TestAuth.At("2026-11-28T18:33:56Z"), result.Expires);
    }

    [Fact]
    public void Boto3DefaultPresign_SigV2PutWithHoistedHeaders_AuthenticatesWithOrWithoutHeaders()
    {
        const string url = "http://localhost:4568/my-bucket/k.txt?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=rInNhkX4eoFsbNAYFx49mNhI2Xk%3D&content-type=text%2Fplain&x-amz-meta-foo=bar&Expires=1795890836";
        var auth = TestAuth.Authenticator(BeforeV2Expiry);
        Assert.Equal(AuthKind.SigV2Query, auth.Authenticate(TestAuth.FromUrl("PUT", url)).Kind);
        Assert.Equal(AuthKind.SigV2Query,
            auth.Authenticate(TestAuth.FromUrl("PUT", url, ("Content-Type", "text/plain"), ("x-amz-meta-foo", "bar"))).Kind);
    }

    [Fact]
    public void BotocoreHmacV1Header_PutWithAclSubresource_Authenticates()
    {
        var request = TestAuth.FromUrl("PUT", "http://localhost:4568/my-bucket/k.txt?acl",
            ("Content-Type", "text/plain"), ("x-amz-meta-foo", "bar"), ("Content-MD5", "XrY7u+Ae7tCTyyK7j1rNww=="),
            ("Date", "Sat, 28 Nov 2026 17:33:56 GMT"), ("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:kveZTv6rPYjCaJVubuqgeffGXx0="));
        var result = TestAuth.Authenticator(TestAuth.At("2026-11-28T17:35:00Z")).Authenticate(request);
        Assert.Equal(AuthKind.SigV2Header, result.Kind);
    }

    /// <summary>Independent vector computed with Python hmac/hashlib: Date-only header auth puts the raw Date in the StringToSign (spec §1.7).</summary>
    [Fact]
    public void HeaderAuth_DateHeaderOnly_UsesRawDateAsTimestampLine()
    {
        var request = TestAuth.FromUrl("GET", "http://localhost:4568/my-bucket/k.txt",
            ("Date", "Wed, 06 May 2020 15:42:30 GMT"),
            ("x-amz-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20200506/us-east-1/s3/aws4_request, SignedHeaders=date;host;x-amz-content-sha256, Signature=2524f9227a88ed4e7523059a27e20001ec9749c3560f51009dba71949fad1649"));
        var result = TestAuth.Authenticator(TestAuth.At("2020-05-06T15:45:00Z")).Authenticate(request);
        Assert.Equal("Wed, 06 May 2020 15:42:30 GMT", result.AmzDate);
    }
}
