namespace FakeS3.Testcontainers;

/// <summary>
/// Builds a FakeS3 container: <c>new FakeS3Builder().WithBucket("uploads").Build()</c>, then
/// <c>await container.StartAsync()</c>. Start returns once FakeS3 answers HTTP on its port.
/// </summary>
public sealed class FakeS3Builder : ContainerBuilder<FakeS3Builder, FakeS3Container, FakeS3Configuration>
{
    /// <summary>The image docker/ in the FakeS3 repository builds (docker/build-offline.sh or docker compose build).</summary>
    public const string DefaultImage = "fakes3:local";

    /// <summary>The port FakeS3 listens on inside the container.</summary>
    public const ushort FakeS3Port = 4568;

    /// <summary>FakeS3's default access key.</summary>
    public const string DefaultAccessKeyId = "fakes3";

    /// <summary>FakeS3's default secret key.</summary>
    public const string DefaultSecretAccessKey = "fakes3secret";

    /// <summary>FakeS3's default region.</summary>
    public const string DefaultRegion = "us-east-1";

    /// <summary>A builder for <see cref="DefaultImage"/>.</summary>
    public FakeS3Builder()
        : this(DefaultImage) { }

    /// <summary>A builder for another image name or tag (e.g. one pushed to your registry).</summary>
    public FakeS3Builder(string image)
        : this(new FakeS3Configuration())
    {
        DockerResourceConfiguration = Init().WithImage(image).DockerResourceConfiguration;
    }

    FakeS3Builder(FakeS3Configuration resourceConfiguration)
        : base(resourceConfiguration)
    {
        DockerResourceConfiguration = resourceConfiguration;
    }

    /// <inheritdoc />
    protected override FakeS3Configuration DockerResourceConfiguration { get; }

    /// <summary>Creates <paramref name="bucket"/> at start (and again after POST /_fakes3/reset). Call once per bucket.</summary>
    public FakeS3Builder WithBucket(string bucket)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        var index = DockerResourceConfiguration.Buckets?.Count ?? 0;
        return Merge(DockerResourceConfiguration, new FakeS3Configuration(buckets: [bucket]))
            .WithEnvironment($"FakeS3__Buckets__{index}", bucket);
    }

    /// <summary>The one credential FakeS3 accepts (instead of fakes3 / fakes3secret).</summary>
    public FakeS3Builder WithCredentials(string accessKeyId, string secretAccessKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessKeyId);
        ArgumentException.ThrowIfNullOrEmpty(secretAccessKey);
        return Merge(DockerResourceConfiguration, new FakeS3Configuration(accessKeyId: accessKeyId, secretAccessKey: secretAccessKey))
            .WithEnvironment("FakeS3__Credentials__0__AccessKeyId", accessKeyId)
            .WithEnvironment("FakeS3__Credentials__0__SecretAccessKey", secretAccessKey);
    }

    /// <summary>The region signatures must be scoped to (instead of us-east-1).</summary>
    public FakeS3Builder WithRegion(string region)
    {
        ArgumentException.ThrowIfNullOrEmpty(region);
        return Merge(DockerResourceConfiguration, new FakeS3Configuration(region: region))
            .WithEnvironment("FakeS3__Region", region);
    }

    /// <summary>
    /// The bearer token of the admin API (clock, reset, request log). FakeS3 listens on all interfaces inside
    /// the container, so the admin API always needs one; by default the builder picks a random token.
    /// </summary>
    public FakeS3Builder WithAdminToken(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        return Merge(DockerResourceConfiguration, new FakeS3Configuration(adminToken: token))
            .WithEnvironment("FakeS3__Admin__Token", token);
    }

    /// <inheritdoc />
    public override FakeS3Container Build()
    {
        Validate();
        return new FakeS3Container(DockerResourceConfiguration);
    }

    /// <inheritdoc />
    protected override FakeS3Builder Init() =>
        base.Init()
            .WithPortBinding(FakeS3Port, true)
            // in memory: a test container starts empty and leaves nothing behind
            .WithEnvironment("FakeS3__DataPath", ":memory:")
            .WithCredentials(DefaultAccessKeyId, DefaultSecretAccessKey)
            .WithRegion(DefaultRegion)
            .WithAdminToken(Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)))
            // The same health rule as the image's HEALTHCHECK (docker/healthcheck.sh): any HTTP answer on the
            // S3 port means FakeS3 is serving (an unsigned GET / is S3's 403 AccessDenied document).
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(request => request
                .ForPort(FakeS3Port)
                .ForPath("/")
                .ForStatusCodeMatching(status => (int)status is >= 200 and < 500)));

    /// <inheritdoc />
    protected override void Validate()
    {
        base.Validate();
        ArgumentException.ThrowIfNullOrEmpty(DockerResourceConfiguration.AccessKeyId, nameof(FakeS3Configuration.AccessKeyId));
        ArgumentException.ThrowIfNullOrEmpty(DockerResourceConfiguration.SecretAccessKey, nameof(FakeS3Configuration.SecretAccessKey));
        ArgumentException.ThrowIfNullOrEmpty(DockerResourceConfiguration.Region, nameof(FakeS3Configuration.Region));
    }

    /// <inheritdoc />
    protected override FakeS3Builder Clone(IResourceConfiguration<CreateContainerParameters> resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new FakeS3Configuration(resourceConfiguration));

    /// <inheritdoc />
    protected override FakeS3Builder Clone(IContainerConfiguration resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new FakeS3Configuration(resourceConfiguration));

    /// <inheritdoc />
    protected override FakeS3Builder Merge(FakeS3Configuration oldValue, FakeS3Configuration newValue) =>
        new(new FakeS3Configuration(oldValue, newValue));
}
