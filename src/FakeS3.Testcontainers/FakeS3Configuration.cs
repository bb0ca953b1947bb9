namespace FakeS3.Testcontainers;

/// <summary>The FakeS3 settings a <see cref="FakeS3Builder"/> collects (immutable; every With… makes a new one).</summary>
public sealed class FakeS3Configuration : ContainerConfiguration
{
    /// <summary>Initializes a configuration with FakeS3 settings; null leaves a setting to the previous value.</summary>
    public FakeS3Configuration(string? accessKeyId = null, string? secretAccessKey = null, string? region = null,
        IReadOnlyList<string>? buckets = null, string? adminToken = null)
    {
        AccessKeyId = accessKeyId;
        SecretAccessKey = secretAccessKey;
        Region = region;
        Buckets = buckets;
        AdminToken = adminToken;
    }

    /// <summary>Copies a Docker resource configuration (Testcontainers' builder plumbing).</summary>
    public FakeS3Configuration(IResourceConfiguration<CreateContainerParameters> resourceConfiguration)
        : base(resourceConfiguration) { }

    /// <summary>Copies a container configuration (Testcontainers' builder plumbing).</summary>
    public FakeS3Configuration(IContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration) { }

    /// <summary>Copies a FakeS3 configuration.</summary>
    public FakeS3Configuration(FakeS3Configuration resourceConfiguration)
        : this(new FakeS3Configuration(), resourceConfiguration) { }

    /// <summary>Merges two configurations: values set in <paramref name="newValue"/> win; buckets add up.</summary>
    public FakeS3Configuration(FakeS3Configuration oldValue, FakeS3Configuration newValue)
        : base(oldValue, newValue)
    {
        AccessKeyId = BuildConfiguration.Combine(oldValue.AccessKeyId, newValue.AccessKeyId);
        SecretAccessKey = BuildConfiguration.Combine(oldValue.SecretAccessKey, newValue.SecretAccessKey);
        Region = BuildConfiguration.Combine(oldValue.Region, newValue.Region);
        Buckets = (oldValue.Buckets ?? []).Concat(newValue.Buckets ?? []).ToList();
        AdminToken = BuildConfiguration.Combine(oldValue.AdminToken, newValue.AdminToken);
    }

    /// <summary>The access key clients sign with.</summary>
    public string? AccessKeyId { get; }

    /// <summary>The secret key clients sign with.</summary>
    public string? SecretAccessKey { get; }

    /// <summary>The region signatures must be scoped to.</summary>
    public string? Region { get; }

    /// <summary>The bearer token of the admin API (/_fakes3/*).</summary>
    public string? AdminToken { get; }

    /// <summary>Buckets FakeS3 creates at start.</summary>
    public IReadOnlyList<string>? Buckets { get; }
}
