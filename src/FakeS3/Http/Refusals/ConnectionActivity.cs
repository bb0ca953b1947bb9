using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace FakeS3.Http.Refusals;

/// <summary>
/// Per connection: is the application answering a request right now? Only bytes Kestrel writes while no request is
/// being answered can be one of Kestrel's own refusals (the application never saw that request). Also keeps the
/// request line of the request being read, so that a refusal can be logged with its method and target.
/// </summary>
internal sealed class ConnectionActivity
{
    /// <summary>Longer request lines are kept cut (the target loses its query: nothing to redact, nothing leaked).</summary>
    const int MaxKeptLine = 8 * 1024;

    int _active;
    bool _awaitingLine = true;
    byte[] _line = [];
    int _lineLength;
    bool _lineCut;

    public bool ApplicationAnswering => Volatile.Read(ref _active) > 0;

    /// <summary>First in the pipeline: marks the connection busy until the response is complete (OnCompleted runs after the last byte).</summary>
    public static Task MarkAsync(HttpContext http, RequestDelegate next)
    {
        if (http.Features.Get<ConnectionActivity>() is not { } activity) return next(http);
        Interlocked.Increment(ref activity._active);
        activity._awaitingLine = false;
        http.Response.OnCompleted(static state =>
        {
            var a = (ConnectionActivity)state;
            a._lineLength = 0;
            a._awaitingLine = true;
            Interlocked.Decrement(ref a._active);
            return Task.CompletedTask;
        }, activity);
        return next(http);
    }

    /// <summary>
    /// Called with each buffer the connection's reader hands Kestrel: while a request is awaited, the buffer starts
    /// with its request line (Kestrel consumed the previous request). One copy of at most 8 KiB per request, into an array kept per connection.
    /// </summary>
    public void Observe(in ReadOnlySequence<byte> buffer)
    {
        if (!_awaitingLine || ApplicationAnswering || buffer.IsEmpty) return;
        var head = buffer.Length > MaxKeptLine ? buffer.Slice(0, MaxKeptLine) : buffer;
        var end = head.PositionOf((byte)'\n');
        if (end is null && buffer.Length < MaxKeptLine) return;  // the line is not complete yet: look again next read
        var line = end is { } e ? head.Slice(0, e) : head;
        _lineLength = (int)line.Length;
        // Grown to the longest line this connection has seen (a kept-alive connection copies into the same array).
        if (_line.Length < _lineLength) _line = new byte[Math.Min(MaxKeptLine, Math.Max(_lineLength, 512))];
        line.CopyTo(_line);
        _lineCut = end is null;
        _awaitingLine = false;
    }

    /// <summary>Method and target of the request being read, when its bytes look like an HTTP request line.</summary>
    public (string Method, string Target)? RequestLine()
    {
        var text = Encoding.Latin1.GetString(_line, 0, _lineLength).TrimEnd('\r');
        var sp = text.IndexOf(' ');
        if (sp is < 1 or > 20 || text.AsSpan(0, sp).ContainsAnyExcept(MethodChars)) return null;
        var target = text[(sp + 1)..];
        var version = target.LastIndexOf(" HTTP/", StringComparison.Ordinal);
        if (version >= 0) target = target[..version];
        else if (!_lineCut && target.Contains(' ', StringComparison.Ordinal)) target = target[..target.IndexOf(' ', StringComparison.Ordinal)];
        if (_lineCut)
        {
            // A cut line may end inside a signature or token: keep only the path.
            var q = target.IndexOf('?');
            target = (q >= 0 ? target[..q] : target) + "…";
        }
        return (text[..sp], target);
    }

    static readonly SearchValues<char> MethodChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
}
