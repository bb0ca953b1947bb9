using FakeS3.Cors;
using FakeS3.Errors;

namespace FakeS3.Tests.Cors;

public class CorsEvaluatorTests
{
    static readonly CorsConfiguration Config = new([
        new CorsRule(["http://*.example.com"], ["PUT", "POST"], ["content-type", "x-amz-*"], ["ETag", "x-amz-request-id"], 3000),
        new CorsRule(["*"], ["GET"], [], []),
    ]);

    static void AssertForbidden(CorsResult result, string message, string method, string resourceType)
    {
        var error = result.Error!;
        Assert.Equal((403, S3ErrorCode.AccessForbidden, message), (error.Status, error.Code, error.Message));
        Assert.Equal([("Method", method), ("ResourceType", resourceType)], error.Details);
    }

    [Fact]
    public void Preflight_NoOrigin_IsBadRequest()
    {
        var error = CorsEvaluator.Preflight(true, Config, null, "PUT", null, isObject: true).Error!;
        Assert.Equal((400, S3ErrorCode.BadRequest, "Insufficient information. Origin request header needed."), (error.Status, error.Code, error.Message));
    }

    [Fact]
    public void Preflight_BucketMissing_IsBucketNotFound() =>
        AssertForbidden(CorsEvaluator.Preflight(false, null, "http://a.example.com", "PUT", null, true),
            "CORSResponse: Bucket not found", "PUT", "BUCKET");

    [Fact]
    public void Preflight_NoConfiguration_IsCorsNotEnabled() =>
        AssertForbidden(CorsEvaluator.Preflight(true, null, "http://a.example.com", null, null, true),
            "CORSResponse: CORS is not enabled for this bucket.", "OPTIONS", "BUCKET");

    [Fact]
    public void Preflight_NoRuleMatches_IsNotAllowedWithResourceType()
    {
        const string message = "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.";
        AssertForbidden(CorsEvaluator.Preflight(true, Config, "http://evil.test", "PUT", null, true), message, "PUT", "OBJECT");
        AssertForbidden(CorsEvaluator.Preflight(true, Config, "http://a.example.com", "DELETE", null, false), message, "DELETE", "BUCKET");
        AssertForbidden(CorsEvaluator.Preflight(true, Config, "http://a.example.com", "PUT", "content-type, authorization", true), message, "PUT", "OBJECT");
        AssertForbidden(CorsEvaluator.Preflight(true, Config, "http://x.test", "GET", "range", true), message, "GET", "OBJECT");
    }

    [Fact]
    public void Preflight_WildcardOriginRuleMatches_EchoesOriginWithCredentials()
    {
        var result = CorsEvaluator.Preflight(true, Config, "http://app.example.com", "PUT", "Content-Type, X-Amz-Meta-Foo", true);
        Assert.Null(result.Error);
        Assert.Equal([
            ("Access-Control-Allow-Origin", "http://app.example.com"), ("Access-Control-Allow-Credentials", "true"),
            ("Access-Control-Allow-Methods", "PUT, POST"), ("Access-Control-Allow-Headers", "content-type, x-amz-meta-foo"),
            ("Access-Control-Expose-Headers", "ETag, x-amz-request-id"), ("Access-Control-Max-Age", "3000"),
            ("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method"),
        ], result.Headers);
    }

    [Fact]
    public void Preflight_StarOrigin_AnswersStarWithoutCredentials() =>
        Assert.Equal([("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Methods", "GET"),
            ("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method")],
            CorsEvaluator.Preflight(true, Config, "http://anything.test", "GET", null, true).Headers);

    [Fact]
    public void Actual_MatchingOrigin_AddsHeadersWithoutAllowHeaders()
    {
        var headers = CorsEvaluator.Actual(Config, "http://app.example.com", "POST");
        Assert.Contains(("Access-Control-Allow-Origin", "http://app.example.com"), headers);
        Assert.DoesNotContain(headers, h => h.Name == "Access-Control-Allow-Headers");
    }

    [Fact]
    public void Actual_NoMatchOrNoOrigin_AddsNothing()
    {
        Assert.Empty(CorsEvaluator.Actual(Config, "http://evil.test", "PUT"));
        Assert.Empty(CorsEvaluator.Actual(Config, null, "GET"));
        Assert.Empty(CorsEvaluator.Actual(null, "http://app.example.com", "PUT"));
    }
}
