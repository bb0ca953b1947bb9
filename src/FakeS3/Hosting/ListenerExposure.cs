using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace FakeS3.Hosting;

/// <summary>
/// Whether FakeS3 can be reached from other hosts: some bound address is not loopback (0.0.0.0, [::], a LAN
/// address, a host name), or this connection arrived on a non-loopback local address. Read per request rather
/// than once at start, so an address bound after the first request still counts. The admin API wants its token
/// when exposed; the S3 API checks Host only when not (<see cref="ServedHosts"/>).
/// </summary>
internal sealed class ListenerExposure(IServiceProvider services)
{
    public bool IsExposed(HttpContext http)
    {
        if (http.Connection.LocalIpAddress is { } local && !IsLoopback(local)) return true;
        var addresses = (services.GetService(typeof(IServer)) as IServer)?.Features.Get<IServerAddressesFeature>()?.Addresses;
        return addresses is not null && addresses.Any(a => !IsLoopbackAddress(a));
    }

    /// <summary>"http://127.0.0.1:4568", "http://[::1]:0", "http://localhost:4568" are loopback; anything else is not.</summary>
    public static bool IsLoopbackAddress(string address)
    {
        string host;
        try
        {
            host = BindingAddress.Parse(address).Host;
        }
        catch (FormatException)
        {
            return false;
        }
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IsLoopback(ip);
    }

    static bool IsLoopback(IPAddress ip) => IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip);
}
