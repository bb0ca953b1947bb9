using System.Buffers;
using System.IO.Pipelines;

namespace FakeS3.Http.Refusals;

/// <summary>
/// The connection's output. While the application answers a request, bytes go straight through (no copy). Bytes
/// written while no request is being answered — only Kestrel's own refusals, in practice — are held until the flush
/// and passed to <see cref="KestrelRefusal"/>, which may replace them with S3's XML error; a replaced refusal is
/// recorded in the request log.
/// </summary>
internal sealed class RefusalRewritingWriter(PipeWriter inner, ConnectionActivity activity, RefusalRecorder? recorder) : PipeWriter
{
    ArrayBufferWriter<byte>? _held;
    bool _holding;

    public override Memory<byte> GetMemory(int sizeHint = 0)
    {
        if (!_holding && !activity.ApplicationAnswering) _holding = true;
        return _holding ? (_held ??= new ArrayBufferWriter<byte>(512)).GetMemory(sizeHint) : inner.GetMemory(sizeHint);
    }

    public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public override void Advance(int bytes)
    {
        if (_holding) _held!.Advance(bytes);
        else inner.Advance(bytes);
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        Release();
        return inner.FlushAsync(cancellationToken);
    }

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    // Kestrel's output producer asks the transport (System.Text.Json's PipeWriter serializer flushes on it).
    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => inner.UnflushedBytes + (_held?.WrittenCount ?? 0);

    public override void Complete(Exception? exception = null)
    {
        Release();
        inner.Complete(exception);
    }

    public override ValueTask CompleteAsync(Exception? exception = null)
    {
        Release();
        return inner.CompleteAsync(exception);
    }

    /// <summary>Held bytes go to the connection: rewritten when they are a bare Kestrel refusal, else unchanged.</summary>
    void Release()
    {
        _holding = false;
        if (_held is not { WrittenCount: > 0 } held) return;
        if (KestrelRefusal.Rewrite(new ReadOnlySequence<byte>(held.WrittenMemory)) is { } refusal)
        {
            inner.Write(refusal.Answer);
            recorder?.Record(activity, refusal.Error, refusal.Ids);
        }
        else
        {
            inner.Write(held.WrittenSpan);
        }
        held.ResetWrittenCount();
    }
}
