using System.Diagnostics;

namespace FakeS3.Tests.Infrastructure;

/// <summary>Runs a real client (python3 + boto3, the AWS CLI) against a test FakeS3 and returns its output.</summary>
public static class ExternalTool
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> args, TestFakeS3 s3, string? stdin = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["FAKES3_ENDPOINT"] = s3.BaseAddress.ToString().TrimEnd('/');
        psi.Environment["AWS_ACCESS_KEY_ID"] = TestFakeS3.AccessKey;
        psi.Environment["AWS_SECRET_ACCESS_KEY"] = TestFakeS3.SecretKey;
        psi.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        psi.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        psi.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        psi.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    public static Task<(int ExitCode, string Output)> PythonAsync(string script, TestFakeS3 s3) =>
        RunAsync("python3", ["-"], s3, script);
}
