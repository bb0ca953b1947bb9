using System.Diagnostics;

namespace FakeS3.Tests.Durability;

/// <summary>
/// The short CI run of tests/reliability/crash_consistency.py: kill -9 during concurrent single-PUT and multipart
/// uploads, restart, every acknowledged object byte-identical and nothing partial listed. The full run (10 rounds
/// of 50 uploads) is documented in README.md.
/// </summary>
public sealed class CrashConsistencyTests
{
    [Fact]
    public async Task KillDuringUploads_AcknowledgedObjectsSurvive_NothingPartialIsVisible()
    {
        var script = FindRepoFile("tests/reliability/crash_consistency.py");
        var psi = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { script, "--dll", Path.Combine(AppContext.BaseDirectory, "FakeS3.Server.dll"), "--rounds", "2", "--uploads", "24", "--max-seconds", "60" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(cts.Token);
        var text = await stdout + await stderr;
        Assert.True(p.ExitCode == 0, text);
        Assert.Contains("OK: ", text);
    }

    static string FindRepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException(relative);
    }
}
