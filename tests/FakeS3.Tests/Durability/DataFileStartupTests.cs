using System.Diagnostics;
using System.Security.Cryptography;
using Amazon.S3.Model;
using FakeS3.Storage;
using FakeS3.Tests.Infrastructure;
using Xunit.Abstractions;

namespace FakeS3.Tests.Durability;

/// <summary>
/// FakeS3:DataPath that is not a usable LiteDB file stops the start with a message naming the setting, the path
/// and what is wrong, and the file is never modified; every start-up failure of the executable is one line and exit 1.
/// </summary>
public sealed class DataFileStartupTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("foreign", "not a LiteDB database")]
    [InlineData("random", "not a LiteDB database")]
    [InlineData("truncated4k", "damaged")]
    [InlineData("half", "damaged")]
    public async Task UnusableDataFile_StopsTheStart_AndIsNotModified(string kind, string expected)
    {
        var path = await MakeFile(kind);
        var before = await File.ReadAllBytesAsync(path);
        var e = await Assert.ThrowsAsync<DataFileException>(() => TestFakeS3.StartAsync(dataPath: path));
        Assert.StartsWith($"FakeS3:DataPath '{path}': ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
        Assert.False(File.Exists(path.Replace(".db", "-log.db")));
    }

    [Fact]
    public async Task ReadOnlyDirectory_StopsTheStart()
    {
        using var mount = TempMount.TryCreate("ro,size=1m", output);
        if (mount is null) return;
        var path = Path.Combine(mount.Path, "fakes3.db");
        var e = await Assert.ThrowsAsync<DataFileException>(() => TestFakeS3.StartAsync(dataPath: path));
        Assert.Contains($"FakeS3:DataPath '{path}': a file cannot be created in its folder", e.Message);
    }

    [Theory]
    [InlineData("text", "FakeS3 cannot start: FakeS3:DataPath '{file}': it is not a LiteDB database")]
    [InlineData("--FakeS3:Region=", "FakeS3 cannot start: invalid settings: FakeS3:Region '' is not a region name")]
    [InlineData("--FakeS3:MaxSkewSeconds=abc", "FakeS3 cannot start: invalid setting: Failed to convert configuration value 'abc' at 'FakeS3:MaxSkewSeconds'")]
    [InlineData("--FakeS3:CheckpointLogMiB=0", "FakeS3 cannot start: invalid settings: FakeS3:CheckpointLogMiB must be between 1 and 1024.")]
    [InlineData("--FakeS3:Credentials:0:AccessKeyId=only", "FakeS3 cannot start: invalid settings: FakeS3:Credentials:0:SecretAccessKey must be non-empty.")]
    [InlineData("--FakeS3:Cors:cors-bucket:0:AllowedOrigins:0=http://*.*.example", "FakeS3:Cors:cors-bucket:0:AllowedOrigins:0 'http://*.*.example' has more than one '*' (S3 allows one).")]
    [InlineData("port", "pass `--urls http://127.0.0.1:<port>`")]
    public async Task Executable_StartupFailure_IsOneLineAndExitCode1(string setting, string expected)
    {
        var dir = Directory.CreateTempSubdirectory("fakes3-start").FullName;
        var file = Path.Combine(dir, "text.db");
        await File.WriteAllTextAsync(file, "these thirty bytes are no db\n");
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var busy = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var args = new List<string> { "--FakeS3:StartupBanner=false" };
        args.Add(setting == "text" ? $"--FakeS3:DataPath={file}" : $"--FakeS3:DataPath={Path.Combine(dir, "ok.db")}");
        args.Add(setting == "port" ? $"--urls=http://127.0.0.1:{busy}" : "--urls=http://127.0.0.1:0");
        if (setting.StartsWith("--", StringComparison.Ordinal)) args.Add(setting);

        var (code, stdout, stderr) = await RunFakeS3(args);
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(expected.Replace("{file}", file), lines[0]);
        Assert.Equal("these thirty bytes are no db\n", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task Help_PrintsTheSettings_AndExits0()
    {
        var (code, stdout, _) = await RunFakeS3(["--help"]);
        Assert.Equal(0, code);
        Assert.Contains("FakeS3:DataPath", stdout);
        Assert.Contains("FakeS3:MaxSkewSeconds", stdout);
    }

    [Fact]
    public async Task Executable_StoppedBySigterm_Exits0WithoutAnError()
    {
        if (!OperatingSystem.IsLinux()) return;
        var dir = Directory.CreateTempSubdirectory("fakes3-stop").FullName;
        var port = FreePort();
        string[] args = ["--FakeS3:StartupBanner=false", $"--FakeS3:DataPath={Path.Combine(dir, "fakes3.db")}", $"--urls=http://127.0.0.1:{port}"];
        var (code, _, stderr) = await RunFakeS3(args, async p =>
        {
            await WaitForAnswer(port);
            using var kill = Process.Start("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            await kill.WaitForExitAsync();
        });
        Assert.DoesNotContain("cannot start", stderr);
        Assert.Equal(0, code);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Executable_RunsItsStorageThreadsUnderSchedBatch_UnlessTurnedOff(bool batch)
    {
        if (!OperatingSystem.IsLinux()) return;
        var dir = Directory.CreateTempSubdirectory("fakes3-sched").FullName;
        var port = FreePort();
        string[] args = ["--FakeS3:StartupBanner=false", $"--FakeS3:DataPath={Path.Combine(dir, "fakes3.db")}", $"--urls=http://127.0.0.1:{port}",
            $"--FakeS3:BatchScheduling={batch}"];
        var policies = new Dictionary<string, HashSet<int>>();
        await RunFakeS3(args, async p =>
        {
            await WaitForAnswer(port); // the socket thread has served a request
            foreach (var task in Directory.EnumerateDirectories($"/proc/{p.Id}/task"))
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n');
                // /proc/<pid>/task/<tid>/stat: field 41 is the scheduling policy (0 normal, 3 batch); fields counted after "(comm)".
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var policy = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[38], System.Globalization.CultureInfo.InvariantCulture);
                (policies.TryGetValue(name, out var set) ? set : policies[name] = []).Add(policy);
            }
            Process.Start("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        });
        var expected = batch ? 3 : 0;
        Assert.Equal([expected], policies["FakeS3 group co"]);
        Assert.Equal([expected], policies["FakeS3 checkpoi"]);
        Assert.Equal([expected], policies["FakeS3 blob col"]);
        // Request and socket threads keep the normal policy (a GET's wakeup still preempts an upload).
        Assert.Equal([0], policies[".NET TP Worker"]);
        Assert.Equal([0], policies[".NET Sockets"]);
    }

    static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    static async Task WaitForAnswer(int port)
    {
        using var http = new HttpClient();
        for (var i = 0; ; i++)
        {
            try
            {
                await http.GetAsync($"http://127.0.0.1:{port}/");
                return;
            }
            catch (HttpRequestException) when (i < 300)
            {
                await Task.Delay(100);
            }
        }
    }

    static async Task<(int, string, string)> RunFakeS3(IEnumerable<string> args, Func<Process, Task>? whileRunning = null)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FakeS3.Server.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            if (whileRunning is not null) await whileRunning(p);
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw;
        }
        return (p.ExitCode, await stdout, await stderr);
    }

    static async Task<string> MakeFile(string kind)
    {
        var dir = Directory.CreateTempSubdirectory("fakes3-datafile").FullName;
        var path = Path.Combine(dir, "fakes3.db");
        switch (kind)
        {
            case "foreign":
                await File.WriteAllTextAsync(path, "this is a text file, not a db\n");
                break;
            case "random":
                await File.WriteAllBytesAsync(path, RandomNumberGenerator.GetBytes(1024 * 1024));
                break;
            default:
                var good = Path.Combine(dir, "good.db");
                await using (var s3 = await TestFakeS3.StartAsync(dataPath: good))
                {
                    using var client = s3.CreateS3Client();
                    await client.PutBucketAsync("bbb");
                    for (var i = 0; i < 20; i++)
                        await client.PutObjectAsync(new PutObjectRequest { BucketName = "bbb", Key = "k" + i, InputStream = new MemoryStream(RandomNumberGenerator.GetBytes(30_000)) });
                }
                var bytes = await File.ReadAllBytesAsync(good);
                var keep = kind == "truncated4k" ? 4096 : bytes.Length / 2 / 8192 * 8192;
                await File.WriteAllBytesAsync(path, bytes[..keep]);
                break;
        }
        return path;
    }
}
