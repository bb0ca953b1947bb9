using System.Buffers;
using System.Security.Cryptography;

namespace FakeS3.Checksums;

/// <summary>
/// The MD5 of a body (its ETag) as it streams in. A small body usually arrives in one read: its first piece is
/// kept (copied, the caller's buffer is reused) and hashed with one MD5.HashData call at the end; only a second
/// piece starts an incremental hash. Creating, feeding and disposing an IncrementalHash (a native context behind
/// a SafeHandle) was ~2% of a 4 KiB POST's server CPU (issue 14).
/// </summary>
internal sealed class BodyMd5 : IDisposable
{
    const int MaxHeld = 64 * 1024;

    byte[]? _first;
    int _firstLength;
    IncrementalHash? _hash;

    public void Append(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return;
        if (_hash is null && _first is null && data.Length <= MaxHeld)
        {
            _first = ArrayPool<byte>.Shared.Rent(data.Length);
            data.CopyTo(_first);
            _firstLength = data.Length;
            return;
        }
        if (_hash is null)
        {
            _hash = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            if (_first is not null) _hash.AppendData(_first, 0, _firstLength);
            Release();
        }
        _hash.AppendData(data);
    }

    /// <summary>Lower-case hex of the digest of everything appended so far.</summary>
    public string Hex()
    {
        Span<byte> digest = stackalloc byte[MD5.HashSizeInBytes];
        if (_hash is not null) _hash.GetCurrentHash(digest);
        else MD5.HashData(_first.AsSpan(0, _firstLength), digest);
        return Convert.ToHexStringLower(digest);
    }

    void Release()
    {
        if (_first is not null) ArrayPool<byte>.Shared.Return(_first);
        _first = null;
        _firstLength = 0;
    }

    public void Dispose()
    {
        Release();
        _hash?.Dispose();
    }
}
