using System.Globalization;
using FakeS3.Load.Measurements;
using FakeS3.Load.Scenarios;

namespace FakeS3.Load.Cli;

/// <summary>Parses <c>--name value</c> pairs; sizes take KiB/MiB/GiB (and KB/MB/GB as 1000s), durations ms/s/m/h.</summary>
public static class OptionsParser
{
    public const string Usage = """
        FakeS3.Load: drive any S3 endpoint with presigned, POST-policy and SDK traffic.

          --endpoint URL         S3 endpoint, path-style (default http://127.0.0.1:4568)
          --access-key KEY       access key id (default fakes3)
          --secret-key SECRET    secret access key (default fakes3secret)
          --region REGION        signing region (default us-east-1)
          --bucket NAME          bucket, created when missing (default load-test)
          --scenario NAME        presigned-get | presigned-put | post-policy | sdk-put | large-get | large-put | mixed | must-reject
                                 | scale | get-during-put (measurements with their own table)
          --concurrency N        requests in flight (default 16)
          --duration 10s         measured time (default 10s when --requests is not given)
          --requests N           stop after N measured requests
          --rate R               target requests/s (default 0: as fast as possible)
          --warmup 2s            unmeasured warm-up before the measured phase (default 2s)
          --object-size 4KiB     object size (default 4KiB; 64MiB for large-get/large-put)
          --report-dir DIR       where <scenario>.md and <scenario>.json go (default artifacts/load)
          --timeout 5m           per-request timeout
          --fail-on-error        exit 1 when any request failed (not only on accepted/corrupted)
          --skip-verify          no body comparison or read-back (targets that store nothing, e.g. load/baseline)
          --keys N               scale: objects to seed and list (default 100000)
          --uploads N            scale: multipart uploads to seed and list (default 10000)
          --parts N              scale: parts of the one upload ListParts walks (default 2000, at most 10000)
          --walk-limit 2m        scale: stop each listing walk after this long (default 2m)
          --print-presigned get|put|post --key KEY [--expires 1h]
                                 print one presigned URL (post: url and form fields) and exit

        Exit codes: 0 passed, 1 verdict failed (a must-reject request accepted, data corrupted, or
        --fail-on-error with failures), 2 bad arguments, 3 setup failed.
        """;

    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var o = new LoadOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            o = name switch
            {
                "--endpoint" => o with { Endpoint = new Uri(Value(), UriKind.Absolute) },
                "--access-key" => o with { AccessKey = Value() },
                "--secret-key" => o with { SecretKey = Value() },
                "--region" => o with { Region = Value() },
                "--bucket" => o with { Bucket = Value() },
                "--scenario" => o with { Scenario = Scenario(Value()) },
                "--concurrency" => o with { Concurrency = Positive(int.Parse(Value(), CultureInfo.InvariantCulture), name) },
                "--duration" => o with { Duration = ParseDuration(Value()) },
                "--requests" => o with { Requests = Positive(long.Parse(Value(), CultureInfo.InvariantCulture), name) },
                "--rate" => o with { Rate = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--warmup" => o with { WarmUp = ParseDuration(Value()) },
                "--object-size" => o with { ObjectSize = ParseSize(Value()) },
                "--report-dir" => o with { ReportDir = Value() },
                "--timeout" => o with { RequestTimeout = ParseDuration(Value()) },
                "--fail-on-error" => o with { FailOnError = true },
                "--skip-verify" => o with { SkipVerify = true },
                "--keys" => o with { Keys = Positive(long.Parse(Value(), CultureInfo.InvariantCulture), name) },
                "--uploads" => o with { Uploads = Positive(long.Parse(Value(), CultureInfo.InvariantCulture), name) },
                "--parts" => o with { Parts = Math.Min(10_000, Positive(long.Parse(Value(), CultureInfo.InvariantCulture), name)) },
                "--walk-limit" => o with { WalkLimit = ParseDuration(Value()) },
                "--print-presigned" => o with { PrintPresigned = Value() },
                "--key" => o with { Key = Value() },
                "--expires" => o with { PresignExpiry = ParseDuration(Value()) },
                "-h" or "--help" => o with { Help = true },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }
        return o;
    }

    public static long ParseSize(string text)
    {
        var t = text.Trim();
        (string suffix, long factor)[] units =
        [
            ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30),
            ("KB", 1000), ("MB", 1000_000), ("GB", 1000_000_000),
            ("K", 1L << 10), ("M", 1L << 20), ("G", 1L << 30), ("B", 1),
        ];
        foreach (var (suffix, factor) in units)
            if (t.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                return checked((long)(double.Parse(t[..^suffix.Length], CultureInfo.InvariantCulture) * factor));
        return long.Parse(t, CultureInfo.InvariantCulture);
    }

    public static TimeSpan ParseDuration(string text)
    {
        var t = text.Trim();
        (string suffix, double seconds)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];
        foreach (var (suffix, seconds) in units)
            if (t.EndsWith(suffix, StringComparison.Ordinal) && double.TryParse(t[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                return TimeSpan.FromSeconds(v * seconds);
        return TimeSpan.FromSeconds(double.Parse(t, CultureInfo.InvariantCulture));
    }

    private static string Scenario(string name) =>
        ScenarioCatalog.All.ContainsKey(name) || MeasurementCatalog.All.ContainsKey(name) ? name
            : throw new ArgumentException($"unknown scenario {name}; one of: {string.Join(", ", ScenarioCatalog.All.Keys.Concat(MeasurementCatalog.All.Keys))}");

    private static T Positive<T>(T value, string name) where T : System.Numerics.INumber<T> =>
        value > T.Zero ? value : throw new ArgumentException($"{name} must be positive");
}
