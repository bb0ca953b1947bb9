using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace FakeS3.Faults;

/// <summary>Drops a request's connection the way a failing network or load balancer does.</summary>
internal static class ConnectionReset
{
    /// <summary>Up to this long the server waits for the client to read what was sent before it drops the connection.</summary>
    static readonly TimeSpan DeliveryWait = TimeSpan.FromSeconds(2);

    /// <summary>Long enough for Kestrel's output loop to write a flushed buffer to the socket.</summary>
    static readonly TimeSpan TransportDrain = TimeSpan.FromMilliseconds(100);

    /// <summary>Before any byte of the answer: a TCP RST (SO_LINGER 0), "connection reset by peer".</summary>
    public static void BeforeAnswer(HttpContext http)
    {
        if (Socket(http) is { } socket)
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

    /// <summary>
    /// Mid-body. An abort discards output Kestrel has not handed to the socket yet, and a flush does not wait
    /// for that, so an immediate abort usually loses the bytes "already sent". Give the transport a moment,
    /// send FIN (the client reads the short body, then sees it end early), wait (bounded) until the client
    /// hangs up, then abort. Real time, not the TimeProvider: this is about the network, not S3's clock.
    /// TestServer has no socket: its client sees the abort as an IOException.
    /// </summary>
    public static async Task MidBodyAsync(HttpContext http)
    {
        if (Socket(http) is { } socket)
        {
            try
            {
                await Task.Delay(TransportDrain, http.RequestAborted);
                socket.Shutdown(SocketShutdown.Send);
                await Task.Delay(DeliveryWait, http.RequestAborted);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // the client hung up (the expected end) or the socket is gone already
            }
        }
        http.Abort();
    }

    static Socket? Socket(HttpContext http) => http.Features.Get<IConnectionSocketFeature>()?.Socket;
}
