using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace FakeS3.Tests.Browser;

/// <summary>
/// Debian's chromium driven over the Chrome DevTools Protocol (a WebSocket): opens pages, nothing more. Lighter
/// than Playwright's ~800 MB package; the browser does the real work (forms, redirects, CORS, fetch).
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    readonly Process _process;
    readonly ClientWebSocket _socket = new();
    readonly string _profile;
    int _nextId;

    HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    public static string? FindExecutable() =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        var exe = FindExecutable() ?? throw new InvalidOperationException(
            "Browser tests need Chromium: apt-get install -y chromium (.ci/run installs it).");
        var profile = Directory.CreateTempSubdirectory("fakes3-chromium-").FullName;
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank",
        }) psi.ArgumentList.Add(arg);
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var browser = new HeadlessChromium(process, profile);
        // Chromium writes the chosen port and the browser's WebSocket path to DevToolsActivePort.
        var portFile = Path.Combine(profile, "DevToolsActivePort");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(portFile) || File.ReadAllLines(portFile).Length < 2)
        {
            if (DateTime.UtcNow > deadline || process.HasExited) throw new InvalidOperationException("Chromium did not start its DevTools endpoint.");
            await Task.Delay(100);
        }
        var lines = File.ReadAllLines(portFile);
        await browser._socket.ConnectAsync(new Uri($"ws://127.0.0.1:{lines[0]}{lines[1]}"), CancellationToken.None);
        return browser;
    }

    /// <summary>Opens a new tab on <paramref name="url"/>.</summary>
    public Task OpenAsync(string url) => SendAsync("Target.createTarget", new { url });

    async Task SendAsync(string method, object parameters)
    {
        var id = Interlocked.Increment(ref _nextId);
        var json = JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters });
        await _socket.SendAsync(json, WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var sb = new StringBuilder();
            WebSocketReceiveResult result;
            do
            {
                result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                sb.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            } while (!result.EndOfMessage);
            using var doc = JsonDocument.Parse(sb.ToString());
            if (doc.RootElement.TryGetProperty("id", out var rid) && rid.GetInt32() == id)
            {
                if (doc.RootElement.TryGetProperty("error", out var error)) throw new InvalidOperationException(error.ToString());
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open) await SendAsync("Browser.close", new { });
        }
        catch (Exception)
        {
            // the browser may already be gone
        }
        if (!_process.WaitForExit(5000)) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        _socket.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
