using FakeS3.Cors;
using FakeS3.Errors;

namespace FakeS3.Tests.Cors;

public class CorsConfigurationTests
{
    const string Xml = """
        <CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
          <CORSRule><AllowedOrigin>http://*.example.com</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>POST</AllowedMethod>
            <AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule>
          <CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule>
        </CORSConfiguration>
        """;

    [Fact]
    public void Parse_TwoRules_ReadsEveryElement()
    {
        var config = CorsConfiguration.Parse(Xml);
        Assert.Equal(2, config.Rules.Count);
        Assert.Equal(["PUT", "POST"], config.Rules[0].AllowedMethods);
        Assert.Equal(3000, config.Rules[0].MaxAgeSeconds);
        Assert.Equal(["ETag"], config.Rules[0].ExposeHeaders);
    }

    [Fact]
    public void Render_ParsedConfiguration_RoundTrips()
    {
        var config = CorsConfiguration.Parse(Xml);
        var rendered = config.Render();
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CORSConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><CORSRule><AllowedHeader>*</AllowedHeader><AllowedMethod>PUT</AllowedMethod>", rendered);
        Assert.Equal(rendered, CorsConfiguration.Parse(rendered).Render());
    }

    [Theory]
    [InlineData("not xml")]
    [InlineData("<CORSConfiguration></CORSConfiguration>")]
    [InlineData("<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>")]
    [InlineData("<Other/>")]
    public void Parse_Garbage_IsMalformedXml(string xml)
    {
        var error = Assert.Throws<S3Exception>(() => CorsConfiguration.Parse(xml)).Error;
        Assert.Equal((400, S3ErrorCode.MalformedXML), (error.Status, error.Code));
    }

    [Fact]
    public void Parse_UnknownMethod_IsInvalidRequest()
    {
        var error = Assert.Throws<S3Exception>(() => CorsConfiguration.Parse(
            "<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>MYMETHOD</AllowedMethod></CORSRule></CORSConfiguration>")).Error;
        Assert.Equal((400, S3ErrorCode.InvalidRequest, "Found unsupported HTTP method in CORS config. Unsupported method is MYMETHOD"),
            (error.Status, error.Code, error.Message));
    }

    /// <summary>"*example*.com" silently never matched (only the first '*' was a wildcard); S3 refuses it [WIRE versitygw#1870].</summary>
    [Theory]
    [InlineData("*example*.com")]
    [InlineData("http://*.*.example.com")]
    [InlineData("**")]
    public void Parse_OriginWithTwoWildcards_IsInvalidRequest(string origin)
    {
        var error = Assert.Throws<S3Exception>(() => CorsConfiguration.Parse(
            $"<CORSConfiguration><CORSRule><AllowedOrigin>http://ok.example</AllowedOrigin><AllowedOrigin>{origin}</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>")).Error;
        Assert.Equal((400, S3ErrorCode.InvalidRequest, $"AllowedOrigin \"{origin}\" can not have more than one wildcard."),
            (error.Status, error.Code, error.Message));
    }

    [Fact]
    public void NoSuchCorsConfiguration_Is404WithBucketName()
    {
        var error = S3Errors.NoSuchCorsConfiguration("b");
        Assert.Equal((404, "The CORS configuration does not exist", "b"), (error.Status, error.Message, error.Detail("BucketName")));
    }
}
