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
    public static AmazonS3Client CreateS3Client(this FakeS3Host host, string accessKeyId, string secretAccessKey)
    {
        ArgumentNullException.ThrowIfNull(host);
        return FakeS3ClientConfig.CreateClient(host.BaseAddress, host.Region, accessKeyId, secretAccessKey, host.CreateHandler());
    }
}
