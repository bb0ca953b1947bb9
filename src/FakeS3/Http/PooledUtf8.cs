using System.Buffers;
using System.Text;

namespace FakeS3.Http;

/// <summary>
/// UTF-8 bytes of text appended piece by piece, held in pooled 16 KiB buffers (never one large array). One encoder
/// for the whole text, so a surrogate pair split between two pieces encodes as the pair, and a lone surrogate as
/// U+FFFD, exactly as <see cref="Encoding.UTF8"/> encodes the text in one piece.
/// </summary>
internal sealed class PooledUtf8 : IDisposable
{
    const int SegmentBytes = 16 * 1024;
    /// <summary>Room an encoder may need for one character and whatever it holds back (a pending high surrogate).</summary>
    const int MinRoom = 16;

    readonly Encoder _encoder = Encoding.UTF8.GetEncoder();
    readonly List<(byte[] Array, int Count)> _full = [];
    byte[] _current = ArrayPool<byte>.Shared.Rent(SegmentBytes);
    int _used;

    public long Length { get; private set; }

    public void Append(ReadOnlySpan<char> text) => Encode(text, flush: false);

    /// <summary>After the last <see cref="Append"/>: flushes what the encoder holds back.</summary>
    public void Complete() => Encode([], flush: true);

    void Encode(ReadOnlySpan<char> text, bool flush)
    {
        while (true)
        {
            if (_current.Length - _used < MinRoom) NextSegment();
            _encoder.Convert(text, _current.AsSpan(_used), flush, out var charsUsed, out var bytesUsed, out var completed);
            _used += bytesUsed;
            Length += bytesUsed;
            text = text[charsUsed..];
            if (completed) return;
            NextSegment(); // the buffer filled up
        }
    }

    void NextSegment()
    {
        _full.Add((_current, _used));
        _current = ArrayPool<byte>.Shared.Rent(SegmentBytes);
        _used = 0;
    }

    /// <summary>The bytes in order.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> Segments
    {
        get
        {
            foreach (var (array, count) in _full) yield return array.AsMemory(0, count);
            if (_used > 0) yield return _current.AsMemory(0, _used);
        }
    }

    public void Dispose()
    {
        foreach (var (array, _) in _full) ArrayPool<byte>.Shared.Return(array);
        _full.Clear();
        ArrayPool<byte>.Shared.Return(_current);
        _current = [];
    }
}
