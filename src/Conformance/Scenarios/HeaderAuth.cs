using System.Text;
using FakeS3.Conformance.Signing;

namespace FakeS3.Conformance.Scenarios;

/// <summary>Authorization-header (SigV4) requests: spec §2.3.</summary>
public static class HeaderAuth
{
    const string Area = "HeaderAuth";
    const string Malformed = "AuthorizationHeaderMalformed";
    const string SigMismatch = "The request signature we calculated does not match the signature you provided. Check your key and signing method.";

    static Scenario S(string name, string evidence, Expected expected, Func<ScenarioContext, Task<Observation>> run) => new(name, Area, evidence, expected, run);

    /// <summary>Header-signed PUT of <paramref name="body"/> to a fresh key; the stored state is checked for rejections.</summary>
    internal static async Task<Observation> PutAsync(ScenarioContext ctx, string body, Func<HeaderSignSpec, HeaderSignSpec>? tweak = null, Action<HttpRequestMessage>? before = null, bool sha256 = true)
    {
        var key = ctx.NewKey();
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Put, ctx.ObjectUri(key)) { Content = new ByteArrayContent(bytes) };
        before?.Invoke(request);
        var o = await ctx.SendSignedAsync(request, s =>
        {
            s = sha256 ? s with { PayloadHash = SigV4.Sha256Hex(bytes) } : s;
            return tweak is null ? s : tweak(s);
        });
        if (o.Status >= 300) o.Check(await ctx.HeadAsync(key) is null, "the rejected upload was stored");
        else o.Check(await ctx.GetTextAsync(key) == body, "stored body differs from the upload");
        return o;
    }

    static Task<Observation> TamperAsync(ScenarioContext ctx, Func<string, string> tamper) => PutAsync(ctx, "abc", s => s with { TamperAuthorization = tamper });

    public static IEnumerable<Scenario> All()
    {
        yield return S("accepts a header-signed PUT whose x-amz-content-sha256 is the body's SHA-256", "[DOC]",
            Expect.Status(200).Stored("object holds the body"), ctx => PutAsync(ctx, "Welcome to Amazon S3."));

        yield return S("accepts a header-signed PUT with x-amz-content-sha256: UNSIGNED-PAYLOAD", "[DOC][WIRE]",
            Expect.Status(200).Stored("object holds the body"), ctx => PutAsync(ctx, "unsigned body", sha256: false));

        yield return S("rejects an Authorization header signed for the wrong region and names the right one", "[WIRE]",
            Expect.Error(400, Malformed, "The authorization header is malformed; the region 'eu-west-3' is wrong; expecting '{region}'").With("Region", "{region}").Stored("nothing stored"),
            ctx => PutAsync(ctx, "abc", s => s with { Region = "eu-west-3" }));

        yield return S("rejects an Authorization header whose Credential is mal-formed", "[2ND]",
            Expect.Error(400, Malformed, "The authorization header is malformed; the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\"."),
            ctx => TamperAsync(ctx, a => a.Replace("/s3/aws4_request,", "/s3,", StringComparison.Ordinal)));

        yield return S("rejects an Authorization header without SignedHeaders", "[2ND]",
            Expect.Error(400, Malformed, "The authorization header is malformed; missing SignedHeaders."),
            ctx => TamperAsync(ctx, a => System.Text.RegularExpressions.Regex.Replace(a, @" SignedHeaders=[^,]*,", "")));

        yield return S("rejects an Authorization header without Signature", "[2ND]",
            Expect.Error(400, Malformed, "The authorization header is malformed; missing Signature."),
            ctx => TamperAsync(ctx, a => a[..a.IndexOf(", Signature=", StringComparison.Ordinal)]));

        yield return S("rejects an Authorization header scoped to a service other than s3", "[2ND]",
            Expect.Error(400, Malformed, "The authorization header is malformed; incorrect service \"ec2\". This endpoint belongs to \"s3\"."),
            ctx => PutAsync(ctx, "abc", s => s with { Service = "ec2" }));

        yield return S("rejects a header-signed request with neither x-amz-date nor Date", "[WIRE]",
            Expect.Error(403, "AccessDenied", "AWS authentication requires a valid Date or x-amz-date header"),
            ctx => PutAsync(ctx, "abc", s => s with { SendAmzDate = false }));

        yield return S("rejects a header-signed request dated more than 15 minutes ago", "[WIRE]",
            Expect.Error(403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.")
                .With("RequestTime", "20240101T000000Z").With("ServerTime").With("MaxAllowedSkewMilliseconds", "900000").Stored("nothing stored"),
            ctx => PutAsync(ctx, "abc", s => s with { Date = PresignedGet.Past }));

        yield return S("rejects a header-signed request without x-amz-content-sha256", "[WIRE]",
            Expect.Error(400, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256").Stored("nothing stored"),
            ctx => PutAsync(ctx, "abc", s => s with { PayloadHash = null }));

        yield return S("rejects an x-amz-content-sha256 header left out of SignedHeaders", "[WIRE]",
            Expect.Error(400, "InvalidRequest", "header 'x-amz-content-sha256' must be included in signature").Stored("nothing stored"),
            ctx => PutAsync(ctx, "abc", s => s with { Unsigned = new HashSet<string> { "x-amz-content-sha256" } }));

        yield return S("rejects an x-amz-content-sha256 that is neither a hash nor a known mode", "[WIRE]",
            Expect.Error(400, "InvalidArgument", "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.")
                .With("ArgumentName", "x-amz-content-sha256").With("ArgumentValue", "not-a-hash"),
            ctx => PutAsync(ctx, "abc", s => s with { PayloadHash = "not-a-hash" }));

        yield return S("rejects a header-signed request for an unknown access key", "[WIRE]",
            Expect.Error(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.").With("AWSAccessKeyId", "AKIAFAKES3UNKNOWN000"),
            ctx => PutAsync(ctx, "abc", s => s with { AccessKeyId = "AKIAFAKES3UNKNOWN000" }));

        yield return S("rejects a header-signed request signed with the wrong secret", "[WIRE][REC]",
            Expect.Error(403, "SignatureDoesNotMatch", SigMismatch).With("AWSAccessKeyId", "{accessKey}").With("StringToSign").With("SignatureProvided")
                .With("StringToSignBytes").With("CanonicalRequest").With("CanonicalRequestBytes").Stored("nothing stored"),
            ctx => PutAsync(ctx, "abc", s => s with { Secret = "not-the-secret" }));

        yield return S("rejects a body whose SHA-256 differs from the signed x-amz-content-sha256", "[WIRE]",
            Expect.Error(400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.")
                .With("ClientComputedContentSHA256", SigV4.Sha256Hex("other")).With("S3ComputedContentSHA256", SigV4.Sha256Hex("abc")).Stored("nothing stored"),
            ctx => PutAsync(ctx, "abc", s => s with { PayloadHash = SigV4.Sha256Hex("other") }));

        yield return S("rejects an unsigned x-amz-meta-* header on a header-signed request", "[UNCONFIRMED]",
            Expect.Error(403, "AccessDenied", "There were headers present in the request which were not signed").With("HeadersNotSigned", "x-amz-meta-unsigned"),
            ctx => PutAsync(ctx, "abc", s => s with { Unsigned = new HashSet<string> { "x-amz-meta-unsigned" } }, r => r.Headers.TryAddWithoutValidation("x-amz-meta-unsigned", "1")));

        // Reported S3 answers (coda packs-sdk PR 3093): a header signature must cover host, so it cannot be replayed on another virtual host.
        yield return S("rejects header auth whose SignedHeaders omit host", "[WIRE]",
            Expect.Error(403, "AccessDenied", "There were headers present in the request which were not signed").With("HeadersNotSigned", "host").Stored("nothing stored"),
            ctx => PutAsync(ctx, "abc", s => s with { Unsigned = new HashSet<string> { "host" } }));
    }
}
