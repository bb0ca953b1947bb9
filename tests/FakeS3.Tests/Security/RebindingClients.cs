using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using FakeS3.Hosting;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Security;

/// <summary>
/// Clients for which every host name resolves to FakeS3's address, as DNS rebinding makes a browser do: a page
/// on attacker.example reaches 127.0.0.1 and sends (and signs) "Host: attacker.example:port" — no Host header
/// is forged, the SDK and HttpClient write it from the URL.
/// </summary>
internal sealed class RebindingClients(IPEndPoint fakeS3) : IDisposable
{
    readonly SocketsHttpHandler _handler = new()
    {
        ConnectCallback = async (_, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(fakeS3, ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
    };

    public RebindingClients(Uri fakeS3) : this(new IPEndPoint(IPAddress.Parse(fakeS3.Host), fakeS3.Port)) { }

    /// <summary>AWSSDK.S3 with <c>http://{authority}</c> as endpoint, signing with the default development key pair unless told.</summary>
    public AmazonS3Client S3(string authority, bool pathStyle = true,
        string accessKeyId = FakeS3Options.DefaultAccessKeyId, string secret = FakeS3Options.DefaultSecretAccessKey)
    {
        var config = new AmazonS3Config
        {
            ServiceURL = $"http://{authority}", ForcePathStyle = pathStyle, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0,
            HttpClientFactory = new TestFakeS3.HandlerHttpClientFactory(_handler),
        };
        return new AmazonS3Client(new BasicAWSCredentials(accessKeyId, secret), config);
    }

    public HttpClient Http() => new(_handler, disposeHandler: false);

    public void Dispose() => _handler.Dispose();
}
