using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace FakeS3.Faults;

/// <summary>Drops a request's connection the way a failing load balancer does.</summary>
internal static class ConnectionReset
{
    public static void Reset(HttpContext http)
    {
        // SO_LINGER 0 makes the close a TCP RST instead of a FIN: the client sees "connection reset by peer".
        // TestServer has no socket; its client sees the abort as an IOException.
        if (http.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
        {
            try
            {
                socket.LingerState = new LingerOption(true, 0);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // already closed: the abort below is all that is left
            }
        }
        http.Abort();
    }
}
