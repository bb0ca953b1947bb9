using FakeS3.Clock;
using FakeS3.Errors;
using FakeS3.Hosting;
using FakeS3.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FakeS3.Diagnostics;

/// <summary>
/// Completes a rejection's Explanation before it is written (so the x-fakes3-explanation header, the request
/// log and the server log all carry the same text): a signature diagnosis for SignatureDoesNotMatch, the
/// test-clock state for time errors, the configured region or keys where those are the cause.
/// Never adds secrets or full signatures, and scrubs any the texts picked up (<see cref="SecretRedaction"/>).
/// </summary>
internal sealed class RejectionExplainer(IOptions<FakeS3Options> options, TimeProvider time, ILogger<RejectionExplainer> logger)
{
    public S3Error Explain(HttpContext http, S3Error error)
    {
        var o = options.Value;
        // Self-contained: the code and S3's message first, so a log line or header reads on its own.
        var baseText = $"{error.Code}: {error.Message}" + (error.Explanation is { } why ? (error.Message.EndsWith('.') ? " " : ". ") + why : "");
        var extra = error.Code switch
        {
            S3ErrorCode.SignatureDoesNotMatch => DiagnoseSignature(http, error, o),
            S3ErrorCode.RequestTimeTooSkewed => ClockNote(),
            S3ErrorCode.AccessDenied when error.Message.StartsWith("Request has expired", StringComparison.Ordinal)
                || error.Message.StartsWith("Request is not yet valid", StringComparison.Ordinal)
                || error.Message.Contains("Policy expired", StringComparison.Ordinal) => ClockNote(),
            S3ErrorCode.AccessDenied when error.Detail("HeadersNotSigned") is { } names =>
                $"Header(s) {names} were added after signing (they are not in SignedHeaders). Sign them, or do not send them.",
            S3ErrorCode.AuthorizationQueryParametersError or S3ErrorCode.AuthorizationHeaderMalformed when error.Detail("Region") is not null =>
                $"FakeS3 is configured for region '{o.Region}' (FakeS3:Region); configure the client with that region, or FakeS3 with the client's.",
            // Never list the configured key ids: the explanation reaches logs and response headers.
            S3ErrorCode.InvalidAccessKeyId =>
                "The access key is not one of FakeS3:Credentials (without any configured, only the default pair printed in the start-up banner).",
            _ => null,
        };
        var text = SecretRedaction.Scrub(extra is null ? baseText : baseText + " " + extra, SecretRedaction.SecretsOf(http, o))!;
        return text == error.Explanation ? error : error.WithExplanation(text);
    }

    string? ClockNote()
    {
        var now = S3Errors.IsoSeconds(time.GetUtcNow());
        if (time is not FakeS3Clock clock) return $"Server time is {now} (a host-supplied TimeProvider).";
        return clock.Mode == FakeS3ClockMode.Real
            ? $"Server time is {now} (real time); if the client clock is right, the URL or request is simply too old or too new."
            : $"Server time is {now}: the FakeS3 test clock is {clock.Mode.ToString().ToLowerInvariant()}, {clock.Drift.TotalSeconds:0} s from real time (DELETE /_fakes3/clock restores real time).";
    }

    string? DiagnoseSignature(HttpContext http, S3Error error, FakeS3Options o)
    {
        var canonical = error.Detail("CanonicalRequest");
        var stringToSign = error.Detail("StringToSign");
        var provided = error.Detail("SignatureProvided");
        var accessKeyId = error.Detail("AWSAccessKeyId");
        if (canonical is null || stringToSign is null || provided is null || accessKeyId is null) return null; // SigV2 / chunk chain
        var credential = o.EffectiveCredentials.FirstOrDefault(c => c.AccessKeyId == accessKeyId);
        if (credential is null) return null;
        try
        {
            var target = S3RequestTarget.From(http, o.BaseDomain);
            var input = new SignatureDiagnosisInput(http.Request.Headers.Host.ToString(), target.RawPath, target.RawQuery,
                canonical, stringToSign, provided, accessKeyId, credential.SecretAccessKey, o.BaseDomain)
            {
                OtherCredentials = [.. o.EffectiveCredentials.Where(c => c != credential).Select(c => (c.AccessKeyId, c.SecretAccessKey))],
            };
            var result = SignatureDiagnosis.Diagnose(input);
            Log.SignatureDiagnosed(logger, result.Cause);
            return $"Diagnosis ({result.Cause}): {result.Advice}";
        }
        catch (Exception e)
        {
            Log.SignatureDiagnosisFailed(logger, e);
            return null;
        }
    }
}
