using System.Buffers.Text;
using System.Text;
using FakeS3.Errors;

namespace FakeS3.Payload;

/// <summary>
/// Decodes an aws-chunked body (spec §5.1) into the object bytes. Signed chunks are
/// "&lt;hex&gt;;chunk-signature=&lt;64 hex&gt;\r\n&lt;data&gt;\r\n"; unsigned ones "&lt;hex&gt;\r\n&lt;data&gt;\r\n". After the
/// final 0-size chunk come optional trailer lines ("x-amz-checksum-crc32:&lt;b64&gt;", in signed-trailer mode
/// then "x-amz-trailer-signature:&lt;hex&gt;") and an empty line. Data is handed out before its chunk's
/// signature is checked (the check runs at the chunk's end), so a reader must discard everything on an
/// exception, as S3 discards a failed upload.
/// </summary>
internal sealed class AwsChunkedStream : Stream
{
    /// <summary>Longest chunk header or trailer line accepted (S3 quirk: bound, not a documented limit).</summary>
    public const int MaxLineLength = 4096;
    const int MaxTrailers = 16;
    static readonly byte[] SignatureExtension = "chunk-signature="u8.ToArray();

    readonly BufferedSource _source;
    readonly ChunkUploadState _state;
    readonly ChunkSignatureChain? _chain;
    readonly Dictionary<string, string> _trailers = new(StringComparer.OrdinalIgnoreCase);
    readonly byte[] _chunkSignature = new byte[64];

    public AwsChunkedStream(Stream inner, ChunkedUploadOptions options)
    {
        _source = new BufferedSource(inner);
        _state = new ChunkUploadState(options);
        if (options.SignedChunks)
        {
            _chain = new ChunkSignatureChain(options.SeedSignature ?? throw new ArgumentException("SeedSignature is required for signed chunks."),
                options.SigningKey ?? throw new ArgumentException("SigningKey is required for signed chunks."),
                options.AmzDate ?? "", options.Scope ?? "");
        }
    }

    /// <summary>Trailer headers received after the final chunk (checksum trailers), available once the stream ended.</summary>
    public IReadOnlyDictionary<string, string> Trailers => _trailers;

    public long DecodedBytes => _state.Decoded;
    public bool IsCompleted => _state.Phase == ChunkPhase.Done;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.Length == 0) return 0;
        while (true)
        {
            switch (_state.Phase)
            {
                case ChunkPhase.Header:
                    await ReadChunkHeaderAsync(cancellationToken);
                    break;
                case ChunkPhase.Data:
                    var n = await _source.ReadAsync(buffer, _state.Remaining, cancellationToken);
                    _chain?.AppendData(buffer.Span[..n]);
                    _state.Consumed(n);
                    return n;
                case ChunkPhase.DataEnd:
                    await _source.ExpectCrlfAsync(cancellationToken);
                    _chain?.VerifyChunk(_chunkSignature);
                    _state.Phase = ChunkPhase.Header;
                    break;
                case ChunkPhase.Trailer:
                    await ReadTrailerAsync(cancellationToken);
                    break;
                case ChunkPhase.Done:
                    return 0;
            }
        }
    }

    async ValueTask ReadChunkHeaderAsync(CancellationToken ct)
    {
        var line = await _source.ReadLineAsync(MaxLineLength, ct) ?? throw BufferedSource.Incomplete("the body ended before the final chunk");
        var span = line.Span;
        var semicolon = span.IndexOf((byte)';');
        var sizeText = semicolon < 0 ? span : span[..semicolon];
        // Chunk sizes are hex; the .NET SDK writes upper case ("14000", "46A0"), botocore lower case.
        if (sizeText.Length is 0 or > 15 || !Utf8Parser.TryParse(sizeText, out long size, out var used, 'X') || used != sizeText.Length)
            throw BufferedSource.Incomplete("the chunk size is not hexadecimal");
        if (_chain is not null)
        {
            var extension = semicolon < 0 ? [] : span[(semicolon + 1)..];
            if (!extension.StartsWith(SignatureExtension) || extension.Length != SignatureExtension.Length + 64)
                throw BufferedSource.Incomplete("a signed chunk needs ';chunk-signature=<64 hex>'");
            extension[SignatureExtension.Length..].CopyTo(_chunkSignature);
        }
        _state.BeginChunk(size);
        if (size == 0)
        {
            _chain?.VerifyChunk(_chunkSignature);
            _state.Phase = ChunkPhase.Trailer;
        }
    }

    async ValueTask ReadTrailerAsync(CancellationToken ct)
    {
        var canonical = new StringBuilder();
        var signatureSeen = false;
        while (true)
        {
            var line = await _source.ReadLineAsync(MaxLineLength, ct);
            // Leniency: a body that ends right after the final chunk (no closing CRLF) is accepted.
            if (line is null || line.Value.Length == 0) break;
            var text = Encoding.ASCII.GetString(line.Value.Span);
            var colon = text.IndexOf(':');
            if (colon <= 0) throw BufferedSource.Incomplete("a trailer line is not 'name:value'");
            var name = text[..colon].Trim();
            var value = text[(colon + 1)..].Trim();
            if (name.Equals("x-amz-trailer-signature", StringComparison.OrdinalIgnoreCase))
            {
                if (_chain is null) continue; // unsigned mode: nothing to verify against
                _chain.VerifyTrailer(Encoding.ASCII.GetBytes(canonical.ToString()), Encoding.ASCII.GetBytes(value));
                signatureSeen = true;
                continue;
            }
            if (_trailers.Count >= MaxTrailers) throw BufferedSource.Incomplete("too many trailer lines");
            _trailers[name] = value;
            canonical.Append(name).Append(':').Append(value).Append('\n');
        }
        if (_chain is not null && _trailers.Count > 0 && !signatureSeen)
            throw BufferedSource.Incomplete("signed trailers need an x-amz-trailer-signature line");
        _state.Finish();
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _source.Dispose();
            _chain?.Dispose();
        }
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _state.Decoded; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
