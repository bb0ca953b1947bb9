using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace FakeS3.Hosting;

/// <summary>
/// The Host names FakeS3 answers to, against DNS rebinding: a web page on attacker.example whose name is
/// re-pointed at 127.0.0.1 reaches FakeS3 same-origin with "Host: attacker.example", and can sign S3 requests
/// with the well-known default key pair. Served: localhost and *.localhost (browsers resolve them to loopback
/// themselves, RFC 6761), IP literals (DNS cannot re-point them), BaseDomain and its subdomains (virtual-hosted
/// buckets) and FakeS3:AllowedHosts. The admin API checks this on every listener; the S3 API only on a
/// loopback-only one (<see cref="RefusesS3"/>).
/// </summary>
internal sealed class ServedHosts(IOptions<FakeS3Options> options, ListenerExposure exposure)
{
    public bool IsServed(string host)
    {
        if (host.Length == 0) return false;
        if (IPAddress.TryParse(host.Trim('[', ']'), out _)) return true;
        var o = options.Value;
        return IsNameOrSubdomain(host, "localhost") || IsNameOrSubdomain(host, o.BaseDomain)
            || o.AllowedHosts.Any(h => host.Equals(h, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// An S3 request under a name FakeS3 does not serve, on a loopback-only listener. A listener reachable from
    /// other hosts is reached under any name (a compose service name) and is open to those hosts anyway.
    /// </summary>
    public bool RefusesS3(HttpContext http) => !IsServed(http.Request.Host.Host) && !exposure.IsExposed(http);

    /// <summary>The refusal text, shared by the admin API and the S3 API.</summary>
    public string NotServedMessage(HostString host) =>
        $"Host '{host.Value}' is not a name FakeS3 serves (localhost, *.localhost, IP addresses, FakeS3:BaseDomain '{options.Value.BaseDomain}' and its subdomains, FakeS3:AllowedHosts). Add the name to FakeS3:AllowedHosts if clients really use it.";

    static bool IsNameOrSubdomain(string host, string domain) =>
        host.Equals(domain, StringComparison.OrdinalIgnoreCase)
        || (host.Length > domain.Length + 1 && host[^(domain.Length + 1)] == '.' && host.EndsWith(domain, StringComparison.OrdinalIgnoreCase));
}
