using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FakeS3.Conformance;

/// <summary>Builds targets from the command line and the environment.</summary>
public static class Targets
{
    public const string AwsKeyVar = "AWS_ACCESS_KEY_ID";
    public const string AwsSecretVar = "AWS_SECRET_ACCESS_KEY";
    public const string AwsRegionVar = "AWS_REGION";
    public const string BucketPrefixVar = "FAKES3_CONFORMANCE_BUCKET_PREFIX";

    /// <summary>Real S3 from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION, FAKES3_CONFORMANCE_BUCKET_PREFIX; null + reason when any is missing.</summary>
    public static S3Target? FromAwsEnvironment(out string? skipReason)
    {
        string? Get(string n) => Environment.GetEnvironmentVariable(n) is { Length: > 0 } v ? v : null;
        var missing = new[] { AwsKeyVar, AwsSecretVar, AwsRegionVar, BucketPrefixVar }.Where(n => Get(n) is null).ToList();
        if (missing.Count > 0)
        {
            skipReason = $"real-S3 target skipped: {string.Join(", ", missing)} not set (needs {AwsKeyVar}, {AwsSecretVar}, {AwsRegionVar}, {BucketPrefixVar})";
            return null;
        }
        skipReason = null;
        return S3Target.Aws(Get(AwsRegionVar)!, Get(AwsKeyVar)!, Get(AwsSecretVar)!, Get(BucketPrefixVar)!);
    }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>The repository root (the folder holding FakeS3.sln), searched upwards from the working directory and the binary.</summary>
    public static string? RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "FakeS3.sln"))) return d.FullName;
        return null;
    }
}

/// <summary>FakeS3 started as a child process (dotnet run --project src/FakeS3.Server) on a free port with a temp data file. The runner never links FakeS3's code.</summary>
public sealed class FakeS3Process : IAsyncDisposable
{
    readonly Process _process;
    readonly string _dataDir;

    FakeS3Process(Process process, string dataDir, Uri url) { _process = process; _dataDir = dataDir; Url = url; }

    public Uri Url { get; }

    public static async Task<FakeS3Process> StartAsync(string repoRoot, TextWriter log, CancellationToken ct = default)
    {
        var port = Targets.FreePort();
        var dataDir = Path.Combine(Path.GetTempPath(), "fakes3-conformance-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dataDir);
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "run", "--project", Path.Combine("src", "FakeS3.Server"), "--no-launch-profile", "--", "--urls", $"http://127.0.0.1:{port}", "--FakeS3:DataPath", Path.Combine(dataDir, "db.db") })
            psi.ArgumentList.Add(a);
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        log.WriteLine($"Starting FakeS3 (dotnet run --project src/FakeS3.Server) on http://127.0.0.1:{port} ...");
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"FakeS3 exited with {process.ExitCode}:\n{output}");
            try
            {
                using var c = new TcpClient();
                await c.ConnectAsync(IPAddress.Loopback, port, ct);
                return new FakeS3Process(process, dataDir, new Uri($"http://127.0.0.1:{port}"));
            }
            catch (SocketException) { await Task.Delay(300, ct); }
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException($"FakeS3 did not listen on port {port} within 3 minutes:\n{output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }
}
