namespace FakeS3.Conformance;

/// <summary>Where the catalogue runs: an S3-compatible endpoint (or real S3 when <see cref="ServiceUrl"/> is null) and its keys.</summary>
public sealed record S3Target
{
    /// <summary>Short label used in reports ("fakes3", "endpoint", "aws").</summary>
    public required string Name { get; init; }

    /// <summary>Endpoint such as http://127.0.0.1:4568; null means real Amazon S3 (https://s3.{Region}.amazonaws.com).</summary>
    public Uri? ServiceUrl { get; init; }

    public string Region { get; init; } = "us-east-1";
    public required string AccessKeyId { get; init; }
    public required string SecretAccessKey { get; init; }

    /// <summary>Prefix of the buckets the run creates (a random suffix is added per run).</summary>
    public string BucketPrefix { get; init; } = "fakes3-conf-";

    /// <summary>Path-style addressing (http://host/bucket/key). Real S3 uses virtual-hosted style.</summary>
    public bool ForcePathStyle { get; init; } = true;

    /// <summary>Optional transport (e.g. an ASP.NET Core TestServer handler) for SDK and raw requests; null uses sockets.</summary>
    public Func<HttpMessageHandler>? HttpHandlerFactory { get; init; }

    /// <summary>True when the target is Amazon S3 itself.</summary>
    public bool IsAws => ServiceUrl is null;

    public Uri EffectiveServiceUrl => ServiceUrl ?? new Uri($"https://s3.{Region}.amazonaws.com");

    public static S3Target Aws(string region, string accessKeyId, string secretAccessKey, string bucketPrefix) => new()
    {
        Name = "aws", Region = region, AccessKeyId = accessKeyId, SecretAccessKey = secretAccessKey,
        BucketPrefix = bucketPrefix, ForcePathStyle = false,
    };

    public static S3Target Endpoint(string name, Uri serviceUrl, string accessKeyId, string secretAccessKey, string region = "us-east-1") => new()
    {
        Name = name, ServiceUrl = serviceUrl, Region = region, AccessKeyId = accessKeyId, SecretAccessKey = secretAccessKey,
    };

    /// <summary>URL of a bucket (key null) or an object, already UriEncoded the way every AWS SDK encodes it.</summary>
    public Uri ObjectUri(string bucket, string? key = null, string? query = null)
    {
        var b = EffectiveServiceUrl;
        var encodedKey = key is null ? "" : Signing.SigV4.UriEncode(key, keepSlash: true);
        var authority = b.IsDefaultPort ? b.Host : $"{b.Host}:{b.Port}";
        var basePath = b.AbsolutePath.TrimEnd('/');
        var text = ForcePathStyle
            ? $"{b.Scheme}://{authority}{basePath}/{bucket}{(key is null ? "" : "/" + encodedKey)}"
            : $"{b.Scheme}://{bucket}.{authority}{basePath}/{encodedKey}";
        if (!string.IsNullOrEmpty(query)) text += "?" + query;
        return new Uri(text);
    }
}
