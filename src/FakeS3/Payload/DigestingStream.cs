using System.Security.Cryptography;
using FakeS3.Checksums;

namespace FakeS3.Payload;

/// <summary>
/// A read-only pass-through that hashes every byte as it flows (MD5, optional SHA-256, one checksum and optionally
/// a second one), so a 1 GiB upload is verified with flat memory. Records whether the reader reached the end.
/// </summary>
internal sealed class DigestingStream(Stream inner, bool sha256, IChecksum checksum, IChecksum? secondChecksum = null) : Stream
{
    readonly BodyMd5 _md5 = new();
    readonly IncrementalHash? _sha256 = sha256 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;

    public long BytesRead { get; private set; }
    public bool ReachedEnd { get; private set; }
    public IChecksum Checksum => checksum;

    /// <summary>A second algorithm computed alongside (a multipart part's CRC64NVME for the object default).</summary>
    public IChecksum? SecondChecksum => secondChecksum;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken);
        Observe(buffer.Span[..n], buffer.Length);
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = inner.Read(buffer, offset, count);
        Observe(buffer.AsSpan(offset, n), count);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    void Observe(ReadOnlySpan<byte> data, int requested)
    {
        if (data.Length == 0)
        {
            if (requested > 0) ReachedEnd = true;
            return;
        }
        BytesRead += data.Length;
        _md5.Append(data);
        _sha256?.AppendData(data);
        checksum.Append(data);
        secondChecksum?.Append(data);
    }

    public string Md5Hex() => _md5.Hex();

    public string? Sha256Hex()
    {
        if (_sha256 is null) return null;
        Span<byte> hash = stackalloc byte[32];
        _sha256.GetCurrentHash(hash);
        return Convert.ToHexStringLower(hash);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _md5.Dispose();
            _sha256?.Dispose();
            (checksum as IDisposable)?.Dispose();
            (secondChecksum as IDisposable)?.Dispose();
        }
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
