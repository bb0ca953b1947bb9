namespace FakeS3.Load.Cli;

/// <summary>Command-line options; defaults match FakeS3's out-of-the-box endpoint and credentials.</summary>
public sealed record LoadOptions
{
    public Uri Endpoint { get; init; } = new("http://127.0.0.1:4568");
    public string AccessKey { get; init; } = "fakes3";
    public string SecretKey { get; init; } = "fakes3secret";
    public string Region { get; init; } = "us-east-1";
    public string Bucket { get; init; } = "load-test";
    public string Scenario { get; init; } = "presigned-get";
    public int Concurrency { get; init; } = 16;
    /// <summary>Null when only a request count was given.</summary>
    public TimeSpan? Duration { get; init; }
    public long? Requests { get; init; }
    public double Rate { get; init; }
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>Null: 4 KiB, or 64 MiB for the large-object scenarios.</summary>
    public long? ObjectSize { get; init; }
    public string ReportDir { get; init; } = Path.Combine("artifacts", "load");
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(5);
    public bool FailOnError { get; init; }
    /// <summary>Do not compare bodies or read back (for targets that store nothing, like load/baseline).</summary>
    public bool SkipVerify { get; init; }
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>--print-presigned get|put|post: print one signed request for --key and exit (for wrk scripts).</summary>
    public string? PrintPresigned { get; init; }
    public string Key { get; init; } = "load/object";
    public TimeSpan PresignExpiry { get; init; } = TimeSpan.FromHours(1);
    /// <summary>scale: objects, multipart uploads and parts of one upload to seed and list.</summary>
    public long Keys { get; init; } = 100_000;
    public long Uploads { get; init; } = 10_000;
    public long Parts { get; init; } = 2_000;
    /// <summary>scale: a listing walk stops after this long (the rate is then over what it walked).</summary>
    public TimeSpan WalkLimit { get; init; } = TimeSpan.FromMinutes(2);
    public bool Help { get; init; }
}
