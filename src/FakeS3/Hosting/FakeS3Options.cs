namespace FakeS3.Hosting;

/// <summary>Configuration section "FakeS3" (appsettings.json, FakeS3__* environment variables, --FakeS3:* arguments).</summary>
public sealed class FakeS3Options
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "FakeS3";
    /// <summary>Where the server listens without --urls: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:4568";
    /// <summary>The access key accepted when no credentials are configured.</summary>
    public const string DefaultAccessKeyId = "fakes3";
    /// <summary>The secret key accepted when no credentials are configured.</summary>
    public const string DefaultSecretAccessKey = "fakes3secret";

    /// <summary>The region every signature's credential scope must name.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>LiteDB data file. ":memory:" keeps everything in memory (in-process test hosts).</summary>
    public string DataPath { get; set; } = DefaultDataPath;

    /// <summary>
    /// The user's local data folder, never the working directory (a tool or `dotnet run` started inside a
    /// source tree would otherwise write into it): ~/.local/share/fakes3/fakes3.db on Linux,
    /// %LOCALAPPDATA%\fakes3\fakes3.db on Windows, ~/Library/Application Support/fakes3/fakes3.db on macOS;
    /// the temp folder when there is no home.
    /// </summary>
    public static string DefaultDataPath
    {
        get
        {
            var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            if (string.IsNullOrEmpty(root)) root = Path.GetTempPath();
            return Path.Combine(root, "fakes3", "fakes3.db");
        }
    }

    /// <summary>
    /// LiteDB's write-ahead log is copied into the data file once it reaches this many MiB (and whenever writes
    /// pause). The copy holds the store lock, so this bounds how long a write or an uncached read can wait for it.
    /// </summary>
    public int CheckpointLogMiB { get; set; } = Storage.Checkpointer.DefaultLogMiB;

    /// <summary>
    /// While other requests are in flight, a large upload pauses after each MiB for twice as long as that MiB took, so
    /// small requests keep their share of the cores (<see cref="Storage.UploadPacer"/>).
    /// </summary>
    public bool PaceLargeUploads { get; set; } = true;

    /// <summary>
    /// The executable runs its storage threads under Linux's SCHED_BATCH policy, so their wakeups do not preempt
    /// request threads (<see cref="ThreadScheduling"/>). Not applied to a host process.
    /// </summary>
    public bool BatchScheduling { get; set; } = true;

    /// <summary>Accepted keys; empty means the one default pair.</summary>
    public List<CredentialOptions> Credentials { get; set; } = [];

    /// <summary>Buckets created at start (and re-created by a reset).</summary>
    public List<string> Buckets { get; set; } = [];

    /// <summary>Virtual-hosted-style addressing: a Host of "{bucket}.{BaseDomain}[:port]" names the bucket.</summary>
    public string BaseDomain { get; set; } = "localhost";

    /// <summary>Allowed clock skew for header auth and for "not yet valid" presigned URLs (S3: 15 minutes).</summary>
    public int MaxSkewSeconds { get; set; } = 900;

    /// <summary>
    /// Host names FakeS3 answers to besides localhost, *.localhost, IP literals, BaseDomain and its subdomains
    /// (DNS-rebinding guard of the admin API, and of the S3 API on a loopback-only listener).
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>The /_fakes3/* admin API.</summary>
    public AdminOptions Admin { get; set; } = new();

    /// <summary>Print endpoint and credentials at start. In-process test hosts turn it off (one per test would be noise).</summary>
    public bool StartupBanner { get; set; } = true;

    /// <summary>Adds the x-fakes3-explanation header to rejections (off: responses stay byte-identical to S3).</summary>
    public bool ExplanationHeader { get; set; }

    /// <summary>Canned ACLs for buckets created at start: bucket name → e.g. "public-read" (anonymous GETs) or
    /// "public-read-write" (also anonymous POST forms without a policy). Others stay private.</summary>
    public Dictionary<string, string> BucketAcls { get; set; } = new(StringComparer.Ordinal);

    /// <summary>CORS rules for buckets created at start: bucket name → rules.</summary>
    public Dictionary<string, List<CorsRuleOptions>> Cors { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Fault rules in force from the start (FakeS3:Faults:N:*); more come through the admin API or host.Faults.</summary>
    public List<Faults.FaultRule> Faults { get; set; } = [];

    /// <summary><see cref="Credentials"/>, or the default pair when none are configured.</summary>
    public IReadOnlyList<CredentialOptions> EffectiveCredentials =>
        Credentials.Count > 0 ? Credentials : [new CredentialOptions { AccessKeyId = DefaultAccessKeyId, SecretAccessKey = DefaultSecretAccessKey }];
}

/// <summary>One accepted key pair (FakeS3:Credentials:N).</summary>
public sealed class CredentialOptions
{
    /// <summary>The access key id clients sign with (no '/').</summary>
    public string AccessKeyId { get; set; } = "";
    /// <summary>The secret key.</summary>
    public string SecretAccessKey { get; set; } = "";
    /// <summary>When set, requests with this key must carry exactly this X-Amz-Security-Token.</summary>
    public string? SessionToken { get; set; }
}

/// <summary>The admin API settings (FakeS3:Admin).</summary>
public sealed class AdminOptions
{
    /// <summary>Serve /_fakes3/* (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Bearer token for the admin API. Required whenever it is set, and always when FakeS3 listens on a
    /// non-loopback address (a random one is generated and printed in the banner when none is set).
    /// </summary>
    public string? Token { get; set; }
}

/// <summary>One CORS rule of a bucket created at start (FakeS3:Cors:bucket:N), as in PutBucketCors.</summary>
public sealed class CorsRuleOptions
{
    /// <summary>Origins, '*' wildcards allowed.</summary>
    public List<string> AllowedOrigins { get; set; } = [];
    /// <summary>GET, PUT, POST, DELETE, HEAD.</summary>
    public List<string> AllowedMethods { get; set; } = [];
    /// <summary>Request headers a preflight may ask for, '*' wildcards allowed.</summary>
    public List<string> AllowedHeaders { get; set; } = [];
    /// <summary>Response headers a browser script may read.</summary>
    public List<string> ExposeHeaders { get; set; } = [];
    /// <summary>How long a browser may cache the preflight.</summary>
    public int? MaxAgeSeconds { get; set; }
}
