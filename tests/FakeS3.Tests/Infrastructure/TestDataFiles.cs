namespace FakeS3.Tests.Infrastructure;

/// <summary>
/// Where test data files go: one folder per test process under the temp folder, deleted when the process exits
/// (tests reopen a file after stopping its host, so a host cannot delete its own). Every run used to leave its
/// LiteDB files behind: 28 GB in a day of runs here. Folders of runs that ended without cleaning up are swept
/// at the next start: the test host is often ended without its exit handlers running (every clean-clone CI run
/// left its 1.1 GB folder: 41 of them, 27 GB, in a day), so a folder whose process is gone and that has not changed
/// for 10 minutes goes; anything else once it is a day old.
/// </summary>
internal static class TestDataFiles
{
    static readonly string Root = Path.Combine(Path.GetTempPath(), "fakes3-tests");
    static readonly string RunFolder = CreateRunFolder();

    /// <summary>A fresh data file path (its folder exists).</summary>
    public static string NewDataPath()
    {
        var folder = Path.Combine(RunFolder, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, "fakes3.db");
    }

    static string CreateRunFolder()
    {
        Sweep();
        var folder = Path.Combine(Root, "run-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete(folder);
        return folder;
    }

    static void Sweep()
    {
        if (!Directory.Exists(Root)) return;
        foreach (var dir in Directory.EnumerateDirectories(Root))
        {
            var idle = DateTime.UtcNow - Directory.GetLastWriteTimeUtc(dir);
            if (idle > TimeSpan.FromDays(1) || (idle > TimeSpan.FromMinutes(10) && RunEnded(Path.GetFileName(dir)))) Delete(dir);
        }
    }

    /// <summary>A "run-{pid}-…" folder whose process no longer runs (a reused pid keeps it: safe).</summary>
    static bool RunEnded(string name)
    {
        var parts = name.Split('-');
        if (parts.Length < 3 || parts[0] != "run" || !int.TryParse(parts[1], out var pid)) return false;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return true; // no such process
        }
    }

    static void Delete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // best effort: a file still open, or a mount left behind by a failed test
        }
    }
}
