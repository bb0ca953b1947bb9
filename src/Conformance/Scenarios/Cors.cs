using Amazon.S3.Model;

namespace FakeS3.Conformance.Scenarios;

/// <summary>CORS preflight and headers for browser uploads (spec §7).</summary>
public static class Cors
{
    const string Area = "Cors";
    const string Origin = "http://app.example.test";

    static Scenario S(string name, string evidence, Expected expected, Func<ScenarioContext, Task<Observation>> run) => new(name, Area, evidence, expected, run);

    /// <summary>A bucket with one rule: Origin, GET+PUT, content-type and x-amz-meta-* headers, ETag exposed, max age 600.</summary>
    static async Task<string> CorsBucketAsync(ScenarioContext ctx, string origin = Origin)
    {
        var bucket = await ctx.CreateBucketAsync("cors" + Guid.NewGuid().ToString("N")[..4]);
        await ctx.S3.PutCORSConfigurationAsync(new PutCORSConfigurationRequest
        {
            BucketName = bucket,
            Configuration = new CORSConfiguration
            {
                Rules = [new CORSRule { AllowedOrigins = [origin], AllowedMethods = ["GET", "PUT"], AllowedHeaders = ["content-type", "x-amz-meta-*"], ExposeHeaders = ["ETag"], MaxAgeSeconds = 600 }],
            },
        }, ctx.CancellationToken);
        return bucket;
    }

    static Task<Observation> PreflightAsync(ScenarioContext ctx, Uri url, string? origin, string method = "PUT", string? headers = "content-type")
    {
        var request = new HttpRequestMessage(HttpMethod.Options, url);
        if (origin is not null) request.Headers.TryAddWithoutValidation("Origin", origin);
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Method", method);
        if (headers is not null) request.Headers.TryAddWithoutValidation("Access-Control-Request-Headers", headers);
        return ctx.Raw.SendAsync(request, ctx.CancellationToken);
    }

    public static IEnumerable<Scenario> All()
    {
        yield return S("answers a matching preflight for a presigned PUT with the allow headers", "[REC]",
            Expect.Status(200).Header("Access-Control-Allow-Origin", Origin).Header("Access-Control-Allow-Methods", "GET, PUT")
                .Header("Access-Control-Allow-Headers", "content-type").Header("Access-Control-Expose-Headers", "ETag").Header("Access-Control-Max-Age", "600")
                .Header("Access-Control-Allow-Credentials", "true").Header("Vary"),
            async ctx => await PreflightAsync(ctx, ctx.ObjectUri("upload.txt", await CorsBucketAsync(ctx)), Origin));

        yield return S("answers Access-Control-Allow-Origin: * without credentials for a wildcard rule", "[REC]",
            Expect.Status(200).Header("Access-Control-Allow-Origin", "*").NoHeader("Access-Control-Allow-Credentials"),
            async ctx => await PreflightAsync(ctx, ctx.ObjectUri("upload.txt", await CorsBucketAsync(ctx, "*")), Origin));

        yield return S("refuses a preflight without Origin", "[REC]",
            Expect.Error(400, "BadRequest", "Insufficient information. Origin request header needed."),
            async ctx => await PreflightAsync(ctx, ctx.ObjectUri("upload.txt", await CorsBucketAsync(ctx)), null));

        yield return S("refuses a preflight for a missing bucket", "[REC]",
            Expect.Error(403, "AccessForbidden", "CORSResponse: Bucket not found").With("Method", "PUT").With("ResourceType", "BUCKET"),
            ctx => PreflightAsync(ctx, ctx.ObjectUri("upload.txt", ctx.MissingBucket), Origin));

        yield return S("refuses a preflight on a bucket without CORS configuration", "[REC]",
            Expect.Error(403, "AccessForbidden", "CORSResponse: CORS is not enabled for this bucket.").With("Method", "PUT").With("ResourceType", "BUCKET"),
            ctx => PreflightAsync(ctx, ctx.ObjectUri("upload.txt"), Origin));

        yield return S("refuses a preflight whose requested header no rule allows", "[REC]",
            Expect.Error(403, "AccessForbidden", "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.")
                .With("Method", "PUT").With("ResourceType", "OBJECT"),
            async ctx => await PreflightAsync(ctx, ctx.ObjectUri("upload.txt", await CorsBucketAsync(ctx)), Origin, headers: "x-amz-acl"));

        yield return S("adds Access-Control-Allow-Origin to an actual GET from an allowed origin", "[REC]",
            Expect.Status(200).Header("Access-Control-Allow-Origin", Origin).Header("Access-Control-Expose-Headers", "ETag"), async ctx =>
            {
                var bucket = await CorsBucketAsync(ctx);
                await ctx.PutTextAsync("cors.txt", "hi", bucket);
                var request = new HttpRequestMessage(HttpMethod.Get, ctx.Presign("cors.txt", bucket: bucket));
                request.Headers.TryAddWithoutValidation("Origin", Origin);
                return await ctx.Raw.SendAsync(request, ctx.CancellationToken);
            });

        yield return S("adds Access-Control-Allow-Origin to an error answer (404) for an allowed origin", "[2ND][UNCONFIRMED]",
            Expect.Error(404, "NoSuchKey", "The specified key does not exist.").Header("Access-Control-Allow-Origin", Origin), async ctx =>
            {
                var bucket = await CorsBucketAsync(ctx);
                var request = new HttpRequestMessage(HttpMethod.Get, ctx.Presign("missing-cors.txt", bucket: bucket));
                request.Headers.TryAddWithoutValidation("Origin", Origin);
                return await ctx.Raw.SendAsync(request, ctx.CancellationToken);
            });

        yield return S("answers GetBucketCors without configuration with NoSuchCORSConfiguration", "[REC]",
            Expect.Error(404, "NoSuchCORSConfiguration", "The CORS configuration does not exist").With("BucketName", "{bucket}"),
            ctx => ctx.Raw.GetAsync(ctx.Presign(null, query: "cors="), ctx.CancellationToken));
    }
}
