using System.Security.Cryptography;
using System.Text;
using FakeS3.Errors;
using FakeS3.Signing;

namespace FakeS3.Payload;

/// <summary>
/// The aws-chunked signature chain (spec §5.1): each chunk signs "AWS4-HMAC-SHA256-PAYLOAD" LF amzDate LF
/// scope LF PreviousChunkSignature LF hash("") LF hash(data), seeded by the request signature. The trailer
/// signs "AWS4-HMAC-SHA256-TRAILER" … LF hash(canonical trailer) and does not advance the chain. All
/// buffers are allocated once per request.
/// </summary>
internal sealed class ChunkSignatureChain : IDisposable
{
    readonly byte[] _signingKey;
    readonly byte[] _chunkPrefix;   // "AWS4-HMAC-SHA256-PAYLOAD\n{date}\n{scope}\n"
    readonly byte[] _trailerPrefix; // "AWS4-HMAC-SHA256-TRAILER\n{date}\n{scope}\n"
    readonly byte[] _previous = new byte[64];
    readonly byte[] _stringToSign;
    readonly IncrementalHash _dataHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public ChunkSignatureChain(string seedSignature, byte[] signingKey, string amzDate, string scope)
    {
        _signingKey = signingKey;
        _chunkPrefix = Encoding.ASCII.GetBytes($"{SigV4Constants.ChunkStringToSignPrefix}\n{amzDate}\n{scope}\n");
        _trailerPrefix = Encoding.ASCII.GetBytes($"{SigV4Constants.TrailerStringToSignPrefix}\n{amzDate}\n{scope}\n");
        if (seedSignature.Length != 64 || Encoding.ASCII.GetBytes(seedSignature, _previous) != 64)
            throw new ArgumentException("The seed signature must be 64 hex characters.", nameof(seedSignature));
        _stringToSign = new byte[_trailerPrefix.Length + 64 + 1 + 64 + 1 + 64 + 2];
    }

    public void AppendData(ReadOnlySpan<byte> data) => _dataHash.AppendData(data);

    /// <summary>Verifies the chunk just read (its data went through AppendData) and advances the chain.</summary>
    public void VerifyChunk(ReadOnlySpan<byte> providedHex)
    {
        Span<byte> dataHash = stackalloc byte[32];
        _dataHash.GetHashAndReset(dataHash);
        var n = Compose(_chunkPrefix, dataHash, extraEmptyHash: true);
        Verify(n, providedHex, "chunk");
        providedHex.CopyTo(_previous);
    }

    /// <summary>canonicalTrailer: each trailer line as "name:value\n" (LF, not CRLF).</summary>
    public void VerifyTrailer(ReadOnlySpan<byte> canonicalTrailer, ReadOnlySpan<byte> providedHex)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(canonicalTrailer, hash);
        var n = Compose(_trailerPrefix, hash, extraEmptyHash: false);
        Verify(n, providedHex, "trailer");
    }

    int Compose(byte[] prefix, ReadOnlySpan<byte> hash, bool extraEmptyHash)
    {
        var s = _stringToSign.AsSpan();
        prefix.CopyTo(s);
        var n = prefix.Length;
        _previous.CopyTo(s[n..]);
        n += 64;
        s[n++] = (byte)'\n';
        if (extraEmptyHash)
        {
            n += Encoding.ASCII.GetBytes(SigV4Constants.EmptyBodySha256, s[n..]);
            s[n++] = (byte)'\n';
        }
        n += WriteHex(hash, s[n..]);
        return n;
    }

    void Verify(int length, ReadOnlySpan<byte> providedHex, string what)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_signingKey, _stringToSign.AsSpan(0, length), mac);
        Span<byte> expectedHex = stackalloc byte[64];
        WriteHex(mac, expectedHex);
        if (providedHex.Length == 64 && CryptographicOperations.FixedTimeEquals(expectedHex, providedHex)) return;
        throw new S3Exception(S3Errors.ChunkSignatureDoesNotMatch().WithExplanation(
            $"The {what} signature {Encoding.ASCII.GetString(providedHex)} does not continue the signature chain seeded by the request signature."));
    }

    static int WriteHex(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        const string hex = "0123456789abcdef";
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = (byte)hex[bytes[i] >> 4];
            destination[2 * i + 1] = (byte)hex[bytes[i] & 0xF];
        }
        return bytes.Length * 2;
    }

    public void Dispose() => _dataHash.Dispose();
}
