using Amazon.Runtime;

namespace FakeS3.Conformance.Http;

/// <summary>Records the headers of every request AWSSDK.S3 sends, so a scenario can assert its precondition (aws-chunked was really used).</summary>
public sealed class RequestRecorder(Func<HttpMessageHandler>? transport = null) : HttpClientFactory
{
    readonly List<IReadOnlyDictionary<string, string>> _requests = [];

    public IReadOnlyDictionary<string, string>? Last
    {
        get { lock (_requests) return _requests.Count == 0 ? null : _requests[^1]; }
    }

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
        new(new Recording(this) { InnerHandler = transport?.Invoke() ?? new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false } });

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;
    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    sealed class Recording(RequestRecorder owner) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var h in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
                headers[h.Key] = string.Join(", ", h.Value);
            headers[":method"] = request.Method.Method;
            lock (owner._requests) owner._requests.Add(headers);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
