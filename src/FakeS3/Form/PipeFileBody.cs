using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using FakeS3.Errors;
using Microsoft.AspNetCore.WebUtilities;

namespace FakeS3.Form;

/// <summary>
/// The file part's content read straight from the request's <see cref="PipeReader"/> (the fast path of
/// <see cref="MultipartFormReader"/>): everything up to the first CRLF <c>--boundary</c>. A form that ends there
/// with <c>--</c> CRLF is done. Any other tail (more parts, an epilogue, whitespace, a cut-off boundary line) is handed
/// to the general multipart reader, positioned as the old file stream was at that delimiter, so the tail gets the
/// answer it always got: <see cref="Tail"/> then serves <see cref="PostUpload.EnsureSingleFileAsync"/>.
/// A body that ends before the delimiter, or fails underneath, is MalformedPOSTRequest, as in <see cref="FileBodyStream"/>.
/// </summary>
internal sealed class PipeFileBody : ReadOnlyStream
{
    readonly PipeReader _reader;
    readonly string _boundary;
    readonly byte[] _delimiter; // CRLF--boundary
    long _content;              // bytes at the reader's position known to be file content
    bool _atDelimiter;

    const int BoundaryLineLimit = 100;
    readonly int _formBytes;   // of the body before the file content (already consumed)

    public PipeFileBody(PipeReader reader, string boundary, int formBytes)
    {
        _reader = reader;
        _formBytes = formBytes;
        _boundary = boundary;
        _delimiter = Encoding.UTF8.GetBytes("\r\n--" + boundary);
    }

    /// <summary>The content was read to its delimiter and the form's end was checked.</summary>
    public bool Finished { get; private set; }

    /// <summary>After <see cref="Finished"/>: the general reader positioned after the file part, or null when the form ended canonically.</summary>
    public MultipartReader? Tail { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (Finished || destination.IsEmpty) return 0;
        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                if (_content == 0 && !_atDelimiter && !Locate(buffer) && result.IsCompleted)
                {
                    // The body ended inside the file: a truncated upload [2ND]. Read to its end, as the general reader
                    // had (and with the pipe's read finished: a read left open fails the request in Kestrel).
                    _reader.AdvanceTo(buffer.End);
                    throw new S3Exception(S3Errors.MalformedPostRequest());
                }
                if (_content > 0)
                {
                    var n = (int)Math.Min(_content, destination.Length);
                    buffer.Slice(0, n).CopyTo(destination.Span);
                    _content -= n;
                    _reader.AdvanceTo(buffer.GetPosition(n));
                    return n;
                }
                if (_atDelimiter && await EndAsync(buffer, result.IsCompleted, cancellationToken)) return 0;
                if (!_atDelimiter) _reader.AdvanceTo(buffer.Start, buffer.End); // wait for more
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            throw new S3Exception(S3Errors.MalformedPostRequest());
        }
    }

    /// <summary>
    /// After a refusal before the file was read: a body of at most 4 KiB that has arrived whole is consumed, as the
    /// general reader's 4 KiB buffer had taken it in, so the answer keeps the connection open as it did (a larger or
    /// incomplete rest is left, and <c>UnreadBody</c> closes the connection, as it did).
    /// </summary>
    public void DiscardIfReadBefore()
    {
        if (Finished || _content > 0 || _atDelimiter || !_reader.TryRead(out var result)) return;
        if (result.IsCompleted && _formBytes + result.Buffer.Length <= 4096)
        {
            _reader.AdvanceTo(result.Buffer.End);
            Finished = true;
            return;
        }
        _reader.AdvanceTo(result.Buffer.Start);
    }

    /// <summary>
    /// Finds how much of <paramref name="buffer"/> is content: up to the delimiter (true), or all but a possible
    /// start of it (false: the delimiter is not in it).
    /// </summary>
    bool Locate(ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (reader.TryReadTo(out ReadOnlySequence<byte> content, _delimiter, advancePastDelimiter: false))
        {
            _content = content.Length;
            _atDelimiter = _content == 0;
            return true;
        }
        _content = Math.Max(0, buffer.Length - (_delimiter.Length - 1));
        return false;
    }

    /// <summary>
    /// At the delimiter: true once the end is settled (<see cref="Finished"/>), false to read more. The common end,
    /// <c>--</c> CRLF and then the end of the body, is consumed here; anything else goes to the general reader.
    /// </summary>
    async ValueTask<bool> EndAsync(ReadOnlySequence<byte> buffer, bool completed, CancellationToken cancellationToken)
    {
        var closing = _delimiter.Length + 4;
        if (buffer.Length == closing && completed && EndsForm(buffer))
        {
            _reader.AdvanceTo(buffer.End);
            Finished = true;
            return true;
        }
        if (!completed && (buffer.Length < closing || (buffer.Length == closing && EndsForm(buffer))))
        {
            _reader.AdvanceTo(buffer.Start, buffer.End);
            return false;
        }
        // The general reader reads the rest of the boundary line in one go when it is there (its 100-byte line
        // limit counts per read): wait for that much of it, as the whole form usually arrives together.
        if (!completed && buffer.Length < closing + BoundaryLineLimit)
        {
            _reader.AdvanceTo(buffer.Start, buffer.End);
            return false;
        }
        // The general reader continues from the delimiter, inside a part exactly like the file part was.
        _reader.AdvanceTo(buffer.Start);
        Tail = MultipartFormReader.CreateReader(_boundary,
            new PrefixedStream(Encoding.UTF8.GetBytes("--" + _boundary + "\r\n\r\n"), _reader.AsStream(leaveOpen: true)));
        var section = await Tail.ReadNextSectionAsync(cancellationToken);
        if (section is null || await section.Body.ReadAsync(new byte[1], cancellationToken) != 0)
            throw new InvalidOperationException("The general multipart reader did not stop at the file part's delimiter.");
        Finished = true;
        return true;
    }

    bool EndsForm(ReadOnlySequence<byte> buffer)
    {
        Span<byte> end = stackalloc byte[4];
        buffer.Slice(_delimiter.Length, 4).CopyTo(end);
        return end.SequenceEqual("--\r\n"u8);
    }
}
