using FakeS3.Conformance.Signing;

namespace FakeS3.Conformance.Scenarios;

/// <summary>Presigned GET URLs: the happy path and every rejection of spec §2.1/§2.2.</summary>
public static class PresignedGet
{
    const string Area = "PresignedGet";
    const string Qpe = "AuthorizationQueryParametersError";
    const string SigMismatch = "The request signature we calculated does not match the signature you provided. Check your key and signing method.";

    /// <summary>A fixed past instant, so expiry details are the same on every run and every target.</summary>
    public static readonly DateTime Past = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    static Scenario S(string name, string evidence, Expected expected, Func<ScenarioContext, Task<Observation>> run) => new(name, Area, evidence, expected, run);

    /// <summary>GETs the shared object through a URL from this project's signer, tweaked.</summary>
    internal static async Task<Observation> GetAsync(ScenarioContext ctx, Func<PresignSpec, PresignSpec>? tweak, Action<HttpRequestMessage>? before = null, string? query = null)
    {
        var key = await ctx.SharedObjectAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, ctx.Presign(key, "GET", tweak, query: query));
        before?.Invoke(request);
        return await ctx.Raw.SendAsync(request, ctx.CancellationToken);
    }

    static Scenario QueryError(string name, string evidence, string message, Func<PresignSpec, PresignSpec> tweak) =>
        S(name, evidence, Expect.Error(400, Qpe, message), ctx => GetAsync(ctx, tweak));

    public static IEnumerable<Scenario> All()
    {
        yield return S("serves an object through an AWSSDK-presigned GET", "[DOC]",
            Expect.Status(200).Header("ETag", "\"5d41402abc4b2a76b9719d911017c592\""), async ctx =>
            {
                var key = await ctx.SharedObjectAsync();
                var obs = await ctx.Raw.GetAsync(ctx.SdkPresign(key), ctx.CancellationToken);
                return obs.Check(obs.Body == "hello", $"body \"{obs.Body}\", expected \"hello\"");
            });

        yield return S("serves an object through a hand-signed presigned GET (X-Amz-SignedHeaders=host)", "[DOC]",
            Expect.Status(200), async ctx => { var o = await GetAsync(ctx, null); return o.Check(o.Body == "hello", "body differs"); });

        yield return S("applies response-content-type and response-content-disposition overrides on a presigned GET", "[DOC][REC]",
            Expect.Status(200).Header("Content-Type", "text/csv").Header("Content-Disposition", "attachment; filename=\"x.txt\""),
            ctx => GetAsync(ctx, s => s with { ExtraQuery = [new("response-content-type", "text/csv"), new("response-content-disposition", "attachment; filename=\"x.txt\"")] }));

        yield return S("answers 206 with Content-Range for a Range header on a presigned GET", "[DOC][REC]",
            Expect.Status(206).Header("Content-Range", "bytes 1-3/5"),
            async ctx => { var o = await GetAsync(ctx, null, r => r.Headers.TryAddWithoutValidation("Range", "bytes=1-3")); return o.Check(o.Body == "ell", $"body \"{o.Body}\", expected \"ell\""); });

        yield return S("answers NoSuchKey with <Key> for a presigned GET of a missing key", "[REC]",
            Expect.Error(404, "NoSuchKey", "The specified key does not exist.").With("Key"),
            async ctx => { var key = ctx.NewKey("missing.txt"); var o = await ctx.Raw.GetAsync(ctx.Presign(key), ctx.CancellationToken); return o.Check(o.Detail("Key") == key, "Key element differs from the requested key"); });

        yield return S("rejects an expired presigned GET", "[WIRE][REC]",
            Expect.Error(403, "AccessDenied", "Request has expired").With("X-Amz-Expires", "60").With("Expires", "2024-01-01T00:01:00Z").With("ServerTime"),
            ctx => GetAsync(ctx, s => s with { Date = Past, Expires = "60" }));

        yield return S("rejects a presigned GET whose X-Amz-Date is a day in the future", "[WIRE]",
            Expect.Error(403, "AccessDenied", "Request is not yet valid").With("X-Amz-Date").With("Expires").With("ServerTime"),
            ctx => GetAsync(ctx, s => s with { Date = ctx.Now.AddDays(1) }));

        yield return S("treats X-Amz-Expires=0 as already expired", "[UNCONFIRMED]",
            Expect.Error(403, "AccessDenied", "Request has expired"),
            ctx => GetAsync(ctx, s => s with { Date = ctx.Now.AddSeconds(-5), Expires = "0" }));

        yield return S("rejects a presigned GET without X-Amz-Signature", "[REC][WIRE]",
            Expect.Error(400, Qpe, "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters."),
            ctx => GetAsync(ctx, s => s with { Omit = new HashSet<string> { "X-Amz-Signature" } }));

        yield return S("rejects a presigned GET without X-Amz-Expires", "[REC][WIRE]",
            Expect.Error(400, Qpe, "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters."),
            ctx => GetAsync(ctx, s => s with { Omit = new HashSet<string> { "X-Amz-Expires" } }));

        yield return QueryError("rejects an X-Amz-Algorithm other than AWS4-HMAC-SHA256", "[2ND]",
            "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256 and AWS4-ECDSA-P256-SHA256\"", s => s with { Algorithm = "AWS4-HMAC-SHA1" });

        yield return QueryError("rejects a mal-formed X-Amz-Credential", "[REC]",
            "Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".",
            s => s with { CredentialOverride = $"{s.AccessKeyId}/{SigV4.DateStamp(s.Date)}/{s.Region}/s3" });

        yield return QueryError("rejects a credential date that is not yyyyMMdd", "[2ND]",
            "Error parsing the X-Amz-Credential parameter; incorrect date format \"2024-01-01\". This date in the credential must be in the format \"yyyyMMdd\".",
            s => s with { CredentialOverride = $"{s.AccessKeyId}/2024-01-01/{s.Region}/s3/aws4_request" });

        yield return S("rejects a presigned GET signed for the wrong region and names the right one", "[WIRE]",
            Expect.Error(400, Qpe, "Error parsing the X-Amz-Credential parameter; the region 'eu-west-3' is wrong; expecting '{region}'").With("Region", "{region}"),
            ctx => GetAsync(ctx, s => s with { Region = "eu-west-3" }));

        yield return QueryError("rejects a credential scoped to a service other than s3", "[2ND]",
            "Error parsing the X-Amz-Credential parameter; incorrect service \"ec2\". This endpoint belongs to \"s3\".", s => s with { Service = "ec2" });

        yield return QueryError("rejects a credential whose terminal is not aws4_request", "[2ND]",
            "Error parsing the X-Amz-Credential parameter; incorrect terminal \"aws5_request\". This endpoint uses \"aws4_request\".", s => s with { Terminal = "aws5_request" });

        yield return QueryError("rejects an X-Amz-Date that is not ISO 8601 basic", "[WIRE]",
            "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"", s => s with { AmzDateText = "2024-01-01T00:00:00Z" });

        yield return QueryError("rejects a credential date that differs from X-Amz-Date", "[2ND]",
            "Invalid credential date \"20231231\". This date is not the same as X-Amz-Date: \"20240101\".",
            s => s with { Date = Past, CredentialDate = "20231231" });

        yield return QueryError("rejects a non-numeric X-Amz-Expires", "[WIRE]", "X-Amz-Expires should be a number", s => s with { Expires = "soon" });

        yield return QueryError("rejects a negative X-Amz-Expires", "[WIRE]", "X-Amz-Expires must be non-negative", s => s with { Expires = "-1" });

        yield return QueryError("rejects an X-Amz-Expires above 604800 seconds", "[WIRE]",
            "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds", s => s with { Expires = "604801" });

        yield return S("rejects a presigned GET for an unknown access key", "[WIRE]",
            Expect.Error(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.").With("AWSAccessKeyId", "AKIAFAKES3UNKNOWN000"),
            ctx => GetAsync(ctx, s => s with { AccessKeyId = "AKIAFAKES3UNKNOWN000" }));

        yield return S("rejects a presigned GET carrying an x-amz-* header it did not sign", "[REC][WIRE]",
            Expect.Error(403, "AccessDenied", "There were headers present in the request which were not signed").With("HeadersNotSigned", "x-amz-server-side-encryption-customer-algorithm"),
            ctx => GetAsync(ctx, null, r => r.Headers.TryAddWithoutValidation("x-amz-server-side-encryption-customer-algorithm", "AES256")));

        yield return S("rejects a presigned GET whose signature was tampered with, showing the canonical request", "[WIRE][REC]",
            Expect.Error(403, "SignatureDoesNotMatch", SigMismatch).With("AWSAccessKeyId", "{accessKey}").With("StringToSign").With("SignatureProvided", new string('0', 64))
                .With("StringToSignBytes").With("CanonicalRequest").With("CanonicalRequestBytes"),
            async ctx =>
            {
                var o = await GetAsync(ctx, s => s with { SignatureOverride = new string('0', 64) });
                var bytes = o.Detail("StringToSignBytes") ?? "";
                return o.Check(bytes.StartsWith("41 57 53 34 2d", StringComparison.Ordinal), $"StringToSignBytes not lower-case space-separated hex: \"{(bytes.Length > 20 ? bytes[..20] : bytes)}\"");
            });

        yield return S("rejects a presigned GET signed with the wrong secret", "[WIRE][REC]",
            Expect.Error(403, "SignatureDoesNotMatch", SigMismatch), ctx => GetAsync(ctx, s => s with { Secret = "not-the-secret" }));

        yield return S("rejects a presigned GET used for another key", "[WIRE][DERIVED]",
            Expect.Error(403, "SignatureDoesNotMatch", SigMismatch), async ctx =>
            {
                var key = await ctx.SharedObjectAsync();
                var url = ctx.Presign(key + "-other");
                var swapped = new UriBuilder(url) { Path = ctx.ObjectUri(key).AbsolutePath }.Uri;
                return await ctx.Raw.GetAsync(swapped, ctx.CancellationToken);
            });

        yield return S("rejects an upper-case hex X-Amz-Signature", "[UNCONFIRMED]",
            Expect.Error(403, "SignatureDoesNotMatch", SigMismatch), async ctx =>
            {
                var key = await ctx.SharedObjectAsync();
                var url = ctx.Presign(key).ToString();
                var i = url.IndexOf("X-Amz-Signature=", StringComparison.Ordinal) + 16;
                return await ctx.Raw.GetAsync(new Uri(url[..i] + url[i..].ToUpperInvariant()), ctx.CancellationToken);
            });

        yield return S("rejects a presigned GET whose signed header is absent from the request", "[UNCONFIRMED]",
            Expect.Error(403, "SignatureDoesNotMatch", SigMismatch),
            ctx => GetAsync(ctx, s => s with { Headers = new Dictionary<string, string> { ["x-amz-meta-signed"] = "yes" } }));

        yield return S("rejects an Authorization header combined with query-string auth", "[WIRE]",
            Expect.Error(400, "InvalidArgument", "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified")
                .With("ArgumentName", "Authorization").With("ArgumentValue"),
            ctx => GetAsync(ctx, null, r => r.Headers.TryAddWithoutValidation("Authorization",
                $"AWS4-HMAC-SHA256 Credential={ctx.Target.AccessKeyId}/{SigV4.DateStamp(ctx.Now)}/{ctx.Target.Region}/s3/aws4_request, SignedHeaders=host, Signature={new string('a', 64)}")));

        yield return S("rejects SigV2 query auth missing the Signature parameter", "[REC]",
            Expect.Error(403, "AccessDenied", "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters"), async ctx =>
            {
                var key = await ctx.SharedObjectAsync();
                var expires = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
                return await ctx.Raw.GetAsync(ctx.ObjectUri(key, query: $"AWSAccessKeyId={ctx.Target.AccessKeyId}&Expires={expires}"), ctx.CancellationToken);
            });

        yield return S("refuses an anonymous GET on a private bucket", "[REC]",
            Expect.Error(403, "AccessDenied", "Access Denied"), async ctx => await ctx.Raw.GetAsync(ctx.ObjectUri(await ctx.SharedObjectAsync()), ctx.CancellationToken));

        // Reported S3 answer (amazonka issue 272: a presigned URL with an empty X-Amz-SignedHeaders).
        yield return S("rejects a presigned GET whose X-Amz-SignedHeaders omit host", "[WIRE]",
            Expect.Error(403, "AccessDenied", "There were headers present in the request which were not signed").With("HeadersNotSigned", "host"),
            ctx => GetAsync(ctx, s => s with { SignHost = false }));

        yield return S("answers NoSuchBucket to an anonymous GET in a bucket that does not exist", "[REC]",
            Expect.Error(404, "NoSuchBucket", "The specified bucket does not exist").With("BucketName"),
            async ctx => await ctx.Raw.GetAsync(ctx.ObjectUri("k.txt", bucket: "fakes3-missing-" + Guid.NewGuid().ToString("N")[..20]), ctx.CancellationToken));
    }
}
