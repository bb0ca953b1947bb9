using Amazon.S3;
using FakeS3.AwsSdk;

namespace FakeS3.Testcontainers;

/// <summary>A running FakeS3 container: its endpoint, credentials and a ready AmazonS3Client.</summary>
public sealed class FakeS3Container : DockerContainer
{
    readonly FakeS3Configuration _configuration;

    /// <summary>Made by <see cref="FakeS3Builder.Build"/>.</summary>
    public FakeS3Container(FakeS3Configuration configuration)
        : base(configuration)
    {
        _configuration = configuration;
    }

    /// <summary>
    /// http://host:port of FakeS3 as this machine reaches it (the mapped port). Sign and presign for exactly
    /// this host and port: a signature covers the Host header.
    /// </summary>
    public Uri GetEndpoint() => new UriBuilder(Uri.UriSchemeHttp, Hostname, GetMappedPublicPort(FakeS3Builder.FakeS3Port)).Uri;

    /// <summary>The endpoint as a string (the shape of the other Testcontainers modules).</summary>
    public string GetConnectionString() => GetEndpoint().ToString();

    /// <summary>The access key FakeS3 accepts.</summary>
    public string GetAccessKeyId() => _configuration.AccessKeyId!;

    /// <summary>The secret key FakeS3 accepts.</summary>
    public string GetSecretAccessKey() => _configuration.SecretAccessKey!;

    /// <summary>The region signatures must be scoped to.</summary>
    public string GetRegion() => _configuration.Region!;

    /// <summary>The admin API's bearer token: send <c>Authorization: Bearer {token}</c> to <see cref="GetEndpoint"/>/_fakes3/*.</summary>
    public string GetAdminToken() => _configuration.AdminToken!;

    /// <summary>An AmazonS3Client for this container: its endpoint, credentials and region, path-style, no retries.</summary>
    public AmazonS3Client CreateS3Client() =>
        FakeS3ClientConfig.CreateClient(GetEndpoint(), GetRegion(), GetAccessKeyId(), GetSecretAccessKey());
}
