using System.Security.Cryptography;

namespace FakeS3.Checksums;

/// <summary>SHA-1 / SHA-256 checksums over IncrementalHash (already big-endian).</summary>
internal sealed class HashChecksum : IChecksum, IDisposable
{
    readonly IncrementalHash _hash;

    public HashChecksum(ChecksumAlgorithm algorithm)
    {
        Algorithm = algorithm;
        _hash = IncrementalHash.CreateHash(algorithm == ChecksumAlgorithm.Sha1 ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256);
    }

    public ChecksumAlgorithm Algorithm { get; }

    public void Append(ReadOnlySpan<byte> data) => _hash.AppendData(data);

    public void GetCurrentHash(Span<byte> destination) => _hash.GetCurrentHash(destination);

    public void Dispose() => _hash.Dispose();
}
