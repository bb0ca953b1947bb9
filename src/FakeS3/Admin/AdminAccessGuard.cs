using FakeS3.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace FakeS3.Admin;

/// <summary>
/// The checks every /_fakes3/* request passes, whatever the endpoint, so that neither a web page the developer
/// visits nor another host can use the admin API:
/// 1. Host is a name FakeS3 serves (<see cref="ServedHosts"/>), on every listener: a DNS-rebinding page
///    arrives with its own domain as Host.
/// 2. No foreign Origin and no cross-site fetch metadata: browsers label cross-site requests.
/// 3. The bearer token, when one is configured or FakeS3 listens beyond loopback.
/// 4. A state-changing call (any method but GET/HEAD/OPTIONS) is not a CORS "simple" request: a POST must
///    carry a JSON content type or the Authorization header, which a page can only send after a preflight
///    that FakeS3 never grants (it answers no Access-Control-* headers on admin paths).
/// </summary>
internal sealed class AdminAccessGuard(ServedHosts hosts, AdminToken token, ListenerExposure exposure)
{
    public AdminRefusal? Check(HttpContext http) =>
        CheckHost(http) ?? CheckOrigin(http) ?? CheckToken(http) ?? CheckNotSimple(http.Request);

    AdminRefusal? CheckHost(HttpContext http) =>
        hosts.IsServed(http.Request.Host.Host) ? null : new(StatusCodes.Status403Forbidden, hosts.NotServedMessage(http.Request.Host));

    static AdminRefusal? CheckOrigin(HttpContext http)
    {
        var request = http.Request;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            var scheme = origin.IndexOf("://", StringComparison.Ordinal);
            var authority = scheme < 0 ? "" : origin[(scheme + 3)..];
            if (!authority.Equals(request.Host.Value, StringComparison.OrdinalIgnoreCase))
                return new(StatusCodes.Status403Forbidden,
                    $"Origin '{origin}' is not FakeS3's own: the admin API is never callable from another site's web page.");
        }
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none"))
            return new(StatusCodes.Status403Forbidden,
                $"Sec-Fetch-Site '{site}': the admin API is never callable from another site's web page. Open it directly or use curl.");
        return null;
    }

    AdminRefusal? CheckToken(HttpContext http)
    {
        if (!token.Configured && !exposure.IsExposed(http)) return null;
        var authorization = http.Request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        var presented = authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) ? authorization[Bearer.Length..].Trim() : null;
        if (token.Matches(presented)) return null;
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return new(StatusCodes.Status401Unauthorized, presented is null
            ? "The admin API needs 'Authorization: Bearer <token>' here: FakeS3 listens on a non-loopback address or FakeS3:Admin:Token is set. The token is FakeS3:Admin:Token, or the one printed in the start-up banner."
            : "The admin token does not match FakeS3:Admin:Token (or the one printed in the start-up banner).");
    }

    static AdminRefusal? CheckNotSimple(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)) return null;
        if (!HttpMethods.IsPost(request.Method)) return null; // PUT, DELETE...: a browser preflights these
        if (request.Headers.Authorization.Count > 0 || IsJson(request.ContentType)) return null;
        return new(StatusCodes.Status415UnsupportedMediaType,
            "Admin calls that change state must be sent with 'Content-Type: application/json' (or an Authorization header), so a web page cannot send them cross-site. With curl: -H 'Content-Type: application/json'.");
    }

    static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
}
