using System.Diagnostics;
using System.Text;
using FakeS3.Conformance.Tests.Hosting;

namespace FakeS3.Conformance.Tests.RealClients;

/// <summary>Runs a client script (python3, node, bash) against FakeS3 on in-process Kestrel and returns its exit code and output.</summary>
public static class ClientScript
{
    public static string ClientsDirectory =>
        Path.Combine(Targets.RepositoryRoot() ?? throw new InvalidOperationException("FakeS3.sln not found above the test binaries"), "tests", "clients");

    public static async Task RunAgainstFakeS3Async(string executable, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        await using var host = await KestrelHost.StartFakeS3Async();
        var psi = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        psi.Environment["FAKES3_ENDPOINT"] = host.Url.ToString().TrimEnd('/');
        psi.Environment["FAKES3_ACCESS_KEY"] = "fakes3";
        psi.Environment["FAKES3_SECRET_KEY"] = "fakes3secret";
        psi.Environment["FAKES3_REGION"] = "us-east-1";
        Process process;
        try { process = Process.Start(psi)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"'{executable}' is not installed or not on PATH ({e.Message}); .ci/run installs the client tools.");
            return;
        }
        using (process)
        {
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine("[stderr] " + e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var cts = new CancellationTokenSource(timeout);
            try { await process.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{executable} {string.Join(' ', arguments)} timed out after {timeout}:\n{output}");
            }
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{executable} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output}");
        }
    }
}
