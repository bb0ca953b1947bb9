using System.Globalization;
using FakeS3.Diagnostics;
using FakeS3.Errors;
using FakeS3.Hosting;
using FakeS3.Http;
using FakeS3.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace FakeS3.Admin;

/// <summary>
/// Explains a presigned URL: its X-Amz-* parameters, then the verdict of the real authenticator on a
/// synthetic request built from the URL (so "accepted" means exactly what an S3 request would get).
/// </summary>
internal sealed class PresignedUrlExplainer(RequestAuthenticator authenticator, RejectionExplainer explainer,
    IOptions<FakeS3Options> options, TimeProvider time)
{
    static readonly string[] Methods = ["GET", "PUT", "HEAD", "DELETE", "POST"];
    static readonly long UnixSecondsMin = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    static readonly long UnixSecondsMax = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    public ExplainResult? Explain(string url, string? method, IReadOnlyDictionary<string, string>? headers)
    {
        if (!TrySplit(url, out var authority, out var rawTarget)) return null;
        var o = options.Value;
        var target = S3RequestTarget.Parse(rawTarget, authority, o.BaseDomain);
        var query = S3Query.Parse(target.RawQuery);
        var now = time.GetUtcNow();
        var grants = Grants(query, now) with { Bucket = target.Bucket, Key = target.Key, ServerTime = now };

        (string Method, S3Error? Error) verdict = default;
        foreach (var m in method is { Length: > 0 } ? [method.ToUpperInvariant()] : Methods)
        {
            var error = Verify(m, authority, rawTarget, headers, out var http);
            if (error is not null) error = explainer.Explain(http, error);
            if (verdict.Method is null || error is null) verdict = (m, error);
            if (error is null) break;
        }
        return grants with
        {
            Method = verdict.Method, Accepted = verdict.Error is null, ErrorCode = verdict.Error?.Code.ToString(),
            Reason = verdict.Error is null ? null : verdict.Error.Explanation ?? verdict.Error.Message,
        };
    }

    ExplainResult Grants(S3Query query, DateTimeOffset now)
    {
        var credential = query["X-Amz-Credential"]?.Split('/');
        DateTimeOffset? signedAt = DateTimeOffset.TryParseExact(query["X-Amz-Date"], SigV4Constants.AmzDateFormat,
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;
        // Out-of-range values (X-Amz-Expires=1e18, Expires before year 1) explain as "no expiry"; the verdict below names the error.
        DateTimeOffset? expires = signedAt is { } s && long.TryParse(query["X-Amz-Expires"], out var seconds)
            && seconds <= (DateTimeOffset.MaxValue - s).TotalSeconds && seconds >= (DateTimeOffset.MinValue - s).TotalSeconds ? s.AddSeconds(seconds) : null;
        if (expires is null && long.TryParse(query["Expires"], out var epoch) && epoch >= UnixSecondsMin && epoch <= UnixSecondsMax)
            expires = DateTimeOffset.FromUnixTimeSeconds(epoch);
        return new ExplainResult(query["X-Amz-Signature"] is not null ? "SigV4Query" : query["Signature"] is not null ? "SigV2Query" : "Unsigned")
        {
            Accepted = false,
            AccessKeyId = credential?[0] ?? query["AWSAccessKeyId"],
            Region = credential is { Length: > 2 } ? credential[2] : null,
            SignedAt = signedAt,
            Expires = expires,
            SecondsLeft = expires is { } e ? Math.Round((e - now).TotalSeconds, 3) : null,
            SignedHeaders = query["X-Amz-SignedHeaders"]?.Split(';'),
        };
    }

    S3Error? Verify(string method, string authority, string rawTarget, IReadOnlyDictionary<string, string>? headers, out HttpContext http)
    {
        http = new DefaultHttpContext();
        var request = http.Request;
        request.Method = method;
        request.Scheme = "http";
        request.Host = new HostString(authority);
        var q = rawTarget.IndexOf('?');
        request.Path = PathString.FromUriComponent(q < 0 ? rawTarget : rawTarget[..q]);
        request.QueryString = new QueryString(q < 0 ? "" : rawTarget[q..]);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers[name] = value;
        http.Features.Get<IHttpRequestFeature>()!.RawTarget = rawTarget;
        try
        {
            var auth = authenticator.Authenticate(SignableRequest.From(request));
            return auth.Kind == AuthKind.Anonymous ? S3Errors.AccessDenied().WithExplanation("The URL carries no signature.") : null;
        }
        catch (S3Exception e)
        {
            return e.Error;
        }
    }

    /// <summary>"http://host:port/path?query" → authority and raw target, without System.Uri re-encoding anything.</summary>
    static bool TrySplit(string url, out string authority, out string rawTarget)
    {
        authority = rawTarget = "";
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0 || !url[..scheme].StartsWith("http", StringComparison.OrdinalIgnoreCase)) return false;
        var rest = url[(scheme + 3)..];
        var slash = rest.IndexOfAny(['/', '?']);
        authority = slash < 0 ? rest : rest[..slash];
        rawTarget = slash < 0 ? "/" : rest[slash] == '?' ? "/" + rest[slash..] : rest[slash..];
        return authority.Length > 0;
    }
}
