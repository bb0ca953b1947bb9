using Amazon.Runtime;
using Amazon.S3;
using FakeS3.AwsSdk;

namespace FakeS3.Testing;

/// <summary>AmazonS3Client for an in-process <see cref="FakeS3Host"/>.</summary>
public static class FakeS3HostS3ClientExtensions
{
    /// <summary>
    /// An S3 client signed with the host's first credential, path-style, against the host (in memory for
    /// TestServer, over loopback for Kestrel). Presigned URLs it makes are valid for <see cref="FakeS3Host.HttpClient"/>.
    /// </summary>
    public static AmazonS3Client CreateS3Client(this FakeS3Host host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.CreateS3Client(host.AccessKeyId, host.SecretAccessKey);
    }

    /// <summary>An S3 client for the host signed with other keys (e.g. a second configured credential, or wrong ones).</summary>
    public static AmazonS3Client CreateS3Client(this FakeS3Host host, string accessKeyId, string secretAccessKey) =>
        host.CreateS3Client(new BasicAWSCredentials(accessKeyId, secretAccessKey));

    /// <summary>An S3 client for the host with any SDK credentials (e.g. SessionAWSCredentials for a credential with a SessionToken).</summary>
    public static AmazonS3Client CreateS3Client(this FakeS3Host host, AWSCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(host);
        return new AmazonS3Client(credentials, FakeS3ClientConfig.Create(host.BaseAddress, host.Region, host.CreateHandler()));
    }

    /// <summary>
    /// A client that keeps the SDK's own retry settings (the other CreateS3Client overloads turn retries off, so a
    /// test sees the first error): for fault rules (host.Faults), where the retries are what is being tested.
    /// </summary>
    public static AmazonS3Client CreateRetryingS3Client(this FakeS3Host host, Action<AmazonS3Config>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var config = FakeS3ClientConfig.Create(host.BaseAddress, host.Region, host.CreateHandler());
        config.MaxErrorRetry = new AmazonS3Config().MaxErrorRetry;
        configure?.Invoke(config);
        return new AmazonS3Client(new BasicAWSCredentials(host.AccessKeyId, host.SecretAccessKey), config);
    }
}
