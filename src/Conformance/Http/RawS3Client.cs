namespace FakeS3.Conformance.Http;

/// <summary>HttpClient for requests the SDK won't send (tampered signatures, extra headers, hand-built forms). Never follows redirects.</summary>
public sealed class RawS3Client : IDisposable
{
    readonly HttpClient _http;

    public RawS3Client(HttpMessageHandler? handler = null)
    {
        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
        }, disposeHandler: true) { Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task<Observation> SendAsync(HttpRequestMessage request, CancellationToken ct = default)
    {
        using (request)
        using (var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct))
            return await Observation.FromResponseAsync(response, ct);
    }

    public Task<Observation> GetAsync(Uri url, CancellationToken ct = default) => SendAsync(new HttpRequestMessage(HttpMethod.Get, url), ct);

    public Task<Observation> PutAsync(Uri url, byte[] body, CancellationToken ct = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(body) }, ct);

    public void Dispose() => _http.Dispose();
}
