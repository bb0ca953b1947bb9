using System.Net.Sockets;
using System.Text;

namespace FakeS3.Tests.Infrastructure;

/// <summary>
/// One HTTP/1.1 keep-alive connection driven byte by byte: for what HttpClient hides (Expect: 100-continue
/// answered early, a body never sent, the next request on the same socket, malformed framing).
/// </summary>
public sealed class RawHttpConnection : IAsyncDisposable
{
    readonly TcpClient _tcp = new();
    NetworkStream _stream = null!;
    readonly MemoryStream _pending = new();

    public static async Task<RawHttpConnection> OpenAsync(Uri server)
    {
        var c = new RawHttpConnection();
        await c._tcp.ConnectAsync(server.Host, server.Port);
        c._tcp.NoDelay = true;
        c._stream = c._tcp.GetStream();
        return c;
    }

    public Task SendAsync(string text) => SendAsync(Encoding.Latin1.GetBytes(text));

    public async Task SendAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>Reads one response (status line, headers, Content-Length or chunked body; none for HEAD).</summary>
    /// <returns>null when the server closed the connection (or reset it) before a response began.</returns>
    public async Task<RawHttpResponse?> ReadResponseAsync(TimeSpan timeout, bool head = false)
    {
        using var cts = new CancellationTokenSource(timeout);
        var headEnd = await FillUntilAsync(b => IndexOf(b, "\r\n\r\n"u8) is var i and >= 0 ? i + 4 : -1, cts.Token);
        if (headEnd < 0) return null;
        var headText = Encoding.Latin1.GetString(Take(headEnd));
        var lines = headText.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = new List<(string, string)>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            headers.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        var response = new RawHttpResponse(status, headers, []);
        if (head || status is 204 or 304 || status < 200) return response;
        if (response.Header("Content-Length") is { } lengthText)
        {
            var length = int.Parse(lengthText, System.Globalization.CultureInfo.InvariantCulture);
            if (await FillUntilAsync(b => b.Length >= length ? length : -1, cts.Token) < 0) throw new IOException("body cut short");
            return response with { Body = Take(length) };
        }
        if (response.Header("Transfer-Encoding") is { } te && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            var body = new MemoryStream();
            while (true)
            {
                var lineEnd = await FillUntilAsync(b => IndexOf(b, "\r\n"u8) is var i and >= 0 ? i + 2 : -1, cts.Token);
                if (lineEnd < 0) throw new IOException("chunked body cut short");
                var size = Convert.ToInt32(Encoding.ASCII.GetString(Take(lineEnd)).Trim().Split(';')[0], 16);
                if (await FillUntilAsync(b => b.Length >= size + 2 ? size + 2 : -1, cts.Token) < 0) throw new IOException("chunk cut short");
                body.Write(Take(size + 2), 0, size);
                if (size == 0) return response with { Body = body.ToArray() };
            }
        }
        // No length: the body runs to the end of the connection.
        await FillUntilAsync(_ => -1, cts.Token);
        return response with { Body = Take((int)_pending.Length) };
    }

    /// <summary>True when the server sends any byte within <paramref name="wait"/> (a close or reset is not a byte).</summary>
    public async Task<bool> ReceivesBytesAsync(TimeSpan wait)
    {
        if (_pending.Length > 0) return true;
        using var cts = new CancellationTokenSource(wait);
        try
        {
            return await _stream.ReadAsync(new byte[1], cts.Token) > 0;
        }
        catch (OperationCanceledException) { return false; }
        catch (IOException) { return false; }
    }

    async Task<int> FillUntilAsync(Func<byte[], int> complete, CancellationToken cancel)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var at = complete(_pending.ToArray());
            if (at >= 0) return at;
            int n;
            try { n = await _stream.ReadAsync(buffer, cancel); }
            catch (IOException) { n = 0; }
            if (n == 0) return complete(_pending.ToArray()) is var end and >= 0 ? end : -1;
            _pending.Write(buffer, 0, n);
        }
    }

    byte[] Take(int count)
    {
        var all = _pending.ToArray();
        _pending.SetLength(0);
        _pending.Write(all, count, all.Length - count);
        return all[..count];
    }

    static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}

public sealed record RawHttpResponse(int Status, IReadOnlyList<(string Name, string Value)> Headers, byte[] Body)
{
    public string? Header(string name) =>
        Headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    public string Text => Encoding.UTF8.GetString(Body);

    public bool ClosesConnection => Header("Connection")?.Contains("close", StringComparison.OrdinalIgnoreCase) == true;
}
