using Amazon.Runtime;
using Amazon.S3;

namespace FakeS3.AwsSdk;

/// <summary>The AmazonS3Config every FakeS3 client needs: its endpoint, path-style addressing, its region, no retries.</summary>
/// <remarks>Also compiled into FakeS3.Testcontainers (internal there), which must not depend on the in-process library.</remarks>
#if FAKES3_CLIENT_CONFIG_INTERNAL
internal
#else
public
#endif
static class FakeS3ClientConfig
{
    /// <summary>
    /// A config for FakeS3 at <paramref name="endpoint"/>. Path-style, because virtual-hosted names
    /// (<c>bucket.localhost</c>) do not resolve through every resolver; no retries, so a test sees the first
    /// answer; <paramref name="handler"/> (optional) carries the requests, e.g. FakeS3Host.CreateHandler().
    /// </summary>
    public static AmazonS3Config Create(Uri endpoint, string region, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(region);
        var config = new AmazonS3Config
        {
            ServiceURL = endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = region,
            MaxErrorRetry = 0,
        };
        if (handler is not null) config.HttpClientFactory = new HandlerHttpClientFactory(handler);
        return config;
    }

    /// <summary>An AmazonS3Client for FakeS3 at <paramref name="endpoint"/> with the given keys.</summary>
    public static AmazonS3Client CreateClient(Uri endpoint, string region, string accessKeyId, string secretAccessKey,
        HttpMessageHandler? handler = null) =>
        new(new BasicAWSCredentials(accessKeyId, secretAccessKey), Create(endpoint, region, handler));

    /// <summary>One HttpClient over the given handler, kept for the client's lifetime.</summary>
    sealed class HandlerHttpClientFactory(HttpMessageHandler handler) : HttpClientFactory
    {
        readonly HttpClient _client = new(handler, disposeHandler: false);
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => _client;
        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;
        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }
}
