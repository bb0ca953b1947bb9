using FakeS3.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FakeS3.Tests.Signing;

public class SignableRequestTests
{
    [Fact]
    public void From_RawTarget_KeepsPathAndQueryUndecoded()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = "/my-bucket/a b";
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = "/my-bucket/a%20b%2Bc?x=%2B&lifecycle";
        context.Request.Headers.Host = "localhost:4568";
        context.Request.Headers.Append("x-amz-meta-a", "1");
        context.Request.Headers.Append("X-Amz-Meta-A", "2");

        var request = SignableRequest.From(context.Request, virtualHostBucket: null);

        Assert.Equal("/my-bucket/a%20b%2Bc", request.RawPath);
        Assert.Equal("x=%2B&lifecycle", request.RawQuery);
        Assert.Equal("localhost:4568", request.Host);
        Assert.Equal("1,2", request.Header("X-AMZ-META-A"));
        Assert.Equal("+", request.Query.Get("x"));
        Assert.Equal("lifecycle=&x=%2B", CanonicalRequest.CanonicalQuery(request.Query, excludeSignature: false));
    }

    [Theory]
    [InlineData("/my-bucket/a%20b%2Bc~%C3%A9.txt", "/my-bucket/a%20b%2Bc~%C3%A9.txt")]
    [InlineData("/my-bucket/a b", "/my-bucket/a%20b")]
    [InlineData("/b/%7e%2a", "/b/~%2A")]
    [InlineData("/b/é", "/b/%C3%A9")]
    [InlineData("/b/./../x//y", "/b/./../x//y")]
    [InlineData("", "/")]
    public void CanonicalUri_DecodeOnceThenUriEncode_NoNormalisation(string raw, string canonical) =>
        Assert.Equal(canonical, CanonicalRequest.CanonicalUri(raw));

    [Fact]
    public void CanonicalQuery_RawPlusIsLiteralPlus()
    {
        var query = ParsedQuery.Parse("a=1+2&b&A=z");
        Assert.Equal("A=z&a=1%2B2&b=", CanonicalRequest.CanonicalQuery(query, excludeSignature: false));
    }
}
