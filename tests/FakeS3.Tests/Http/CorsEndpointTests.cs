using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Http;

/// <summary>Put/Get/DeleteBucketCors through AWSSDK.S3 and preflight answers exactly as spec §7.</summary>
public sealed class CorsEndpointTests
{
    static async Task<HttpResponseMessage> PreflightAsync(HttpClient http, string path, string? origin, string method = "PUT", string? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        if (origin is not null) request.Headers.TryAddWithoutValidation("Origin", origin);
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Method", method);
        if (headers is not null) request.Headers.TryAddWithoutValidation("Access-Control-Request-Headers", headers);
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task BucketCors_PutGetDelete_RoundTripsAndDrivesPreflight()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        using var http = s3.CreateHttpClient();
        await client.PutBucketAsync("cors-bucket");

        using (var noConfig = await PreflightAsync(http, "/cors-bucket/k", "http://app.example"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, noConfig.StatusCode);
            Assert.Contains("<Code>AccessForbidden</Code><Message>CORSResponse: CORS is not enabled for this bucket.</Message><Method>PUT</Method><ResourceType>BUCKET</ResourceType>", await noConfig.Content.ReadAsStringAsync());
        }
        var missing = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.GetCORSConfigurationAsync("cors-bucket"));
        Assert.Equal("NoSuchCORSConfiguration", missing.ErrorCode);

        await client.PutCORSConfigurationAsync(new PutCORSConfigurationRequest
        {
            BucketName = "cors-bucket",
            Configuration = new CORSConfiguration
            {
                Rules = [new CORSRule { AllowedOrigins = ["http://*.example"], AllowedMethods = ["PUT", "GET"], AllowedHeaders = ["content-type"], ExposeHeaders = ["ETag"], MaxAgeSeconds = 600 }],
            },
        });
        var stored = await client.GetCORSConfigurationAsync("cors-bucket");
        var rule = Assert.Single(stored.Configuration.Rules);
        Assert.Equal(["http://*.example"], rule.AllowedOrigins);

        using (var ok = await PreflightAsync(http, "/cors-bucket/k", "http://app.example", headers: "Content-Type"))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("http://app.example", ok.Headers.GetValues("Access-Control-Allow-Origin").Single());
            Assert.Equal("PUT, GET", ok.Headers.GetValues("Access-Control-Allow-Methods").Single());
            Assert.Equal("content-type", ok.Headers.GetValues("Access-Control-Allow-Headers").Single());
            Assert.Equal("600", ok.Headers.GetValues("Access-Control-Max-Age").Single());
            Assert.Equal(0, ok.Content.Headers.ContentLength);
        }
        using (var denied = await PreflightAsync(http, "/cors-bucket/k", "http://evil.test"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
            Assert.Contains("<Message>CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.</Message><Method>PUT</Method><ResourceType>OBJECT</ResourceType>", await denied.Content.ReadAsStringAsync());
        }
        using (var noOrigin = await PreflightAsync(http, "/cors-bucket/k", null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noOrigin.StatusCode);
            Assert.Contains("<Message>Insufficient information. Origin request header needed.</Message>", await noOrigin.Content.ReadAsStringAsync());
        }
        using (var noBucket = await PreflightAsync(http, "/no-such-bucket/k", "http://app.example"))
            Assert.Contains("<Message>CORSResponse: Bucket not found</Message>", await noBucket.Content.ReadAsStringAsync());

        await client.DeleteCORSConfigurationAsync("cors-bucket");
        await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.GetCORSConfigurationAsync("cors-bucket"));
    }

    [Fact]
    public async Task ActualRequest_WithMatchingOrigin_GetsCorsHeaders_OthersServedWithout()
    {
        await using var s3 = await TestFakeS3.StartAsync(settings: new Dictionary<string, string?>
        {
            ["FakeS3:Buckets:0"] = "cors-actual",
            ["FakeS3:Cors:cors-actual:0:AllowedOrigins:0"] = "*",
            ["FakeS3:Cors:cors-actual:0:AllowedMethods:0"] = "GET",
        });
        using var client = s3.CreateS3Client();
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "cors-actual", Key = "k", ContentBody = "x", CannedACL = S3CannedACL.PublicRead });
        using var http = s3.CreateHttpClient();
        var withOrigin = new HttpRequestMessage(HttpMethod.Get, "/cors-actual/k");
        withOrigin.Headers.TryAddWithoutValidation("Origin", "http://anywhere.test");
        using var response = await http.SendAsync(withOrigin);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
        using var plain = await http.GetAsync("/cors-actual/k");
        Assert.False(plain.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
