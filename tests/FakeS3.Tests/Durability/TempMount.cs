using System.Diagnostics;

namespace FakeS3.Tests.Durability;

/// <summary>A small tmpfs mounted for one test (needs root and mount rights; <see cref="TryCreate"/> says why not).</summary>
public sealed class TempMount : IDisposable
{
    TempMount(string path) => Path = path;

    public string Path { get; }

    public static TempMount? TryCreate(string options, out string whyNot)
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fakes3-mount-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir);
        if (code == 0)
        {
            whyNot = "";
            return new TempMount(dir);
        }
        Directory.Delete(dir);
        whyNot = $"SKIPPED: cannot mount a tmpfs here (mount exit {code}: {output.Trim()})";
        return null;
    }

    /// <summary>Mounts, or prints why not (the test then ends without checking anything: it cannot run here).</summary>
    public static TempMount? TryCreate(string options, Xunit.Abstractions.ITestOutputHelper output)
    {
        var mount = TryCreate(options, out var whyNot);
        if (mount is null) output.WriteLine(whyNot);
        return mount;
    }

    static (int, string) Run(string file, params string[] args)
    {
        try
        {
            var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in args) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEnd() + p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, err);
        }
        catch (Exception e)
        {
            return (-1, e.Message);
        }
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { /* left in temp */ }
    }
}
