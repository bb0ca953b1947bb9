namespace FakeS3.Tests.Infrastructure;

/// <summary>
/// Where test data files go: one folder per test process under the temp folder, deleted when the process exits
/// (tests reopen a file after stopping its host, so a host cannot delete its own). Every run used to leave its
/// LiteDB files behind: 28 GB in a day of runs here. Folders of runs that died without cleaning up are swept
/// once they are a day old.
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
            if (Directory.GetLastWriteTimeUtc(dir) < DateTime.UtcNow.AddDays(-1)) Delete(dir);
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
