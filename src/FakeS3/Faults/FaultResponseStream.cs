using Microsoft.AspNetCore.Http;

namespace FakeS3.Faults;

/// <summary>
/// Wraps a response body: sends it at <c>bytesPerSecond</c> (about ten writes a second, paced on the
/// TimeProvider) and/or drops the connection once <c>resetAfterBytes</c> body bytes are out. After that
/// further writes go nowhere; the endpoint stops when RequestAborted fires.
/// </summary>
internal sealed class FaultResponseStream(HttpContext http, Stream inner, long? bytesPerSecond, long? resetAfterBytes, TimeProvider time) : Stream
{
    readonly long _started = time.GetTimestamp();
    long _written;
    bool _reset;

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty && !_reset)
        {
            var n = buffer.Length;
            if (resetAfterBytes is { } limit)
            {
                if (_written >= limit)
                {
                    await inner.FlushAsync(cancellationToken); // the headers and the first bytes reach the client
                    _reset = true;
                    await ConnectionReset.MidBodyAsync(http);
                    return;
                }
                n = (int)Math.Min(n, limit - _written);
            }
            if (bytesPerSecond is { } rate)
            {
                n = (int)Math.Min(n, Math.Max(1, rate / 10));
                await PaceAsync(rate, _written + n, cancellationToken);
            }
            await inner.WriteAsync(buffer[..n], cancellationToken);
            _written += n;
            buffer = buffer[n..];
            if (bytesPerSecond is not null) await inner.FlushAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Waits until <paramref name="bytes"/> are due at the rate, before they are sent: the body's last byte then
    /// arrives no earlier than its size over the rate. (Waiting after each write let the last slice out one slice
    /// early: 4,000 bytes at 8,000 B/s arrived after 0.3997 s, and a test expecting at least 0.4 s failed.)
    /// </summary>
    async Task PaceAsync(long bytesPerSecond, long bytes, CancellationToken cancellationToken)
    {
        var due = TimeSpan.FromSeconds((double)bytes / bytesPerSecond) - time.GetElapsedTime(_started);
        if (due > TimeSpan.Zero) await Task.Delay(due, time, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("The fault-injecting response body is written asynchronously only.");

    public override Task FlushAsync(CancellationToken cancellationToken) => _reset ? Task.CompletedTask : inner.FlushAsync(cancellationToken);

    public override void Flush()
    {
        // Kestrel bodies flush asynchronously; nothing is buffered here.
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _written; set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
