using System.Buffers;
using FakeS3.Errors;

namespace FakeS3.Payload;

/// <summary>
/// A pooled read buffer over the request body with bounded line reads, so a hostile body cannot make the
/// decoder buffer more than one buffer's worth (a line longer than the limit is IncompleteBody).
/// </summary>
internal sealed class BufferedSource(Stream inner, int bufferSize = 64 * 1024) : IDisposable
{
    byte[]? _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    int _start;
    int _end;
    bool _eof;

    byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(BufferedSource));

    /// <summary>
    /// Reads one CRLF-terminated line and returns it without the CRLF, valid until the next call. Returns
    /// null on a clean end of stream (nothing buffered); a partial line or a bare LF is IncompleteBody.
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>?> ReadLineAsync(int maxLength, CancellationToken ct)
    {
        var scanned = 0;
        while (true)
        {
            var idx = Buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf((byte)'\n');
            if (idx >= 0)
            {
                var lineEnd = _start + scanned + idx;
                if (lineEnd == _start || Buffer[lineEnd - 1] != (byte)'\r') throw Incomplete("line not terminated by CRLF");
                var line = new ReadOnlyMemory<byte>(Buffer, _start, lineEnd - 1 - _start);
                _start = lineEnd + 1;
                return line;
            }
            scanned = _end - _start;
            if (scanned > maxLength) throw Incomplete($"a framing line is longer than {maxLength} bytes");
            if (!await FillAsync(ct))
            {
                if (_end == _start) return null;
                throw Incomplete("the body ended inside a framing line");
            }
        }
    }

    /// <summary>Copies up to max buffered bytes (filling once if empty); the body ending here is IncompleteBody.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> destination, long max, CancellationToken ct)
    {
        if (_end == _start && !await FillAsync(ct)) throw Incomplete("the body ended inside chunk data");
        var n = (int)Math.Min(Math.Min(destination.Length, max), _end - _start);
        Buffer.AsMemory(_start, n).CopyTo(destination);
        _start += n;
        return n;
    }

    public async ValueTask ExpectCrlfAsync(CancellationToken ct)
    {
        while (_end - _start < 2)
        {
            if (!await FillAsync(ct)) throw Incomplete("chunk data is not followed by CRLF");
        }
        if (Buffer[_start] != (byte)'\r' || Buffer[_start + 1] != (byte)'\n') throw Incomplete("chunk data is not followed by CRLF");
        _start += 2;
    }

    async ValueTask<bool> FillAsync(CancellationToken ct)
    {
        if (_eof) return false;
        var buffer = Buffer;
        if (_start > 0)
        {
            buffer.AsSpan(_start, _end - _start).CopyTo(buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end == buffer.Length) return false;
        var n = await inner.ReadAsync(buffer.AsMemory(_end), ct);
        if (n == 0)
        {
            _eof = true;
            return false;
        }
        _end += n;
        return true;
    }

    public static S3Exception Incomplete(string why) =>
        new(S3Errors.IncompleteBody().WithExplanation("aws-chunked framing: " + why + "."));

    public void Dispose()
    {
        if (_buffer is null) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
    }
}
