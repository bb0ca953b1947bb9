using System.Reflection;

namespace FakeS3.Hosting;

/// <summary>
/// <c>--help</c> and <c>--version</c> of the server (dotnet run, the dotnet tool, the single-file binary and
/// the image all start the same Program). Settings are ordinary ASP.NET Core configuration, so the help lists
/// the keys with their defaults instead of inventing option names.
/// </summary>
internal static class CommandLineHelp
{
    public static bool IsHelp(IReadOnlyList<string> args) => args.Any(a => a is "--help" or "-h" or "-?" or "/?");

    public static bool IsVersion(IReadOnlyList<string> args) => args.Any(a => a is "--version");

    public static string Version =>
        typeof(CommandLineHelp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static string Text(string command) => $"""
        FakeS3 {Version}: an S3 emulator that verifies presigned URLs, SigV4/SigV2 signatures and POST policies
        like Amazon S3 and answers with S3's exact errors. For tests, not production.

        Usage: {command} [--urls <url>] [--FakeS3:<Key>=<value> ...]

        Every setting is ASP.NET Core configuration: a command-line argument (--FakeS3:Region=eu-west-1), an
        environment variable (FakeS3__Region=eu-west-1) or appsettings.json next to the executable.

          --urls <url[;url]>                       listen address (default {FakeS3Options.DefaultUrl})
          --FakeS3:Region=<region>                 region signatures must be scoped to (default us-east-1)
          --FakeS3:DataPath=<file>                 LiteDB data file, or :memory: (default {FakeS3Options.DefaultDataPath})
          --FakeS3:CheckpointLogMiB=<n>            copy LiteDB's log into the data file at this size (default {Storage.Checkpointer.DefaultLogMiB})
          --FakeS3:PaceLargeUploads=false          never pause large uploads for other requests (default true)
          --FakeS3:BatchScheduling=false           keep the normal Linux scheduling policy for FakeS3's storage threads (default true: SCHED_BATCH)
          --FakeS3:Buckets:<N>=<name>              bucket created at start (and by POST /_fakes3/reset)
          --FakeS3:BucketAcls:<bucket>=<acl>       canned ACL of such a bucket: public-read, public-read-write
          --FakeS3:Cors:<bucket>:<N>:AllowedOrigins:<N>=<origin>   CORS rule of such a bucket (also
                AllowedMethods:<N>, AllowedHeaders:<N>, ExposeHeaders:<N>, MaxAgeSeconds)
          --FakeS3:Credentials:<N>:AccessKeyId=<id>              accepted keys (default one pair
          --FakeS3:Credentials:<N>:SecretAccessKey=<secret>      {FakeS3Options.DefaultAccessKeyId} / {FakeS3Options.DefaultSecretAccessKey}); SessionToken optional
          --FakeS3:BaseDomain=<domain>             virtual-hosted style: <bucket>.<domain> (default localhost)
          --FakeS3:AllowedHosts:<N>=<host>         extra Host names FakeS3 answers to (DNS-rebinding guard)
          --FakeS3:MaxSkewSeconds=<n>              allowed clock skew (default 900)
          --FakeS3:ExplanationHeader=true          add x-fakes3-explanation to rejections
          --FakeS3:Admin:Enabled=false             turn off the /_fakes3/* admin API
          --FakeS3:Admin:Token=<token>             admin API bearer token (generated and printed when listening
                                                   beyond loopback)
          --FakeS3:StartupBanner=false             do not print endpoint and keys at start
          --FakeS3:Faults:<N>:Operation=<op>       fault rule in force from the start (also Error, Times, ...;
                                                   README "Fault injection")
          --help, -h                               this text
          --version                                the version

        Exit code 1 with one line on stderr when the settings, the data file or the port cannot be used,
        and when the data file is found damaged or gone while running.

        Example: {command} --urls http://127.0.0.1:9000 --FakeS3:Buckets:0=uploads
        """;
}
