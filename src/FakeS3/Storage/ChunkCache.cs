using System.Collections.Concurrent;

namespace FakeS3.Storage;

/// <summary>
/// The bytes of small (single-chunk) blobs, so repeated GETs of small objects skip LiteDB. Keyed by blob id, not
/// chunk id: a blob's bytes never change and its id is never reused, so entries never go stale, while a chunk
/// document is rewritten for the next version of its key (generation +1, <see cref="BlobWriter.TryAdoptInCommit"/>).
/// The cache is bounded and simply emptied when full.
/// </summary>
internal sealed class ChunkCache
{
    const long MaxBytes = 32L * 1024 * 1024;
    readonly ConcurrentDictionary<string, byte[]> _chunks = new(StringComparer.Ordinal);
    long _bytes;

    public bool TryGet(string blobId, out byte[] data) => _chunks.TryGetValue(blobId, out data!);

    public void Add(string blobId, byte[] data)
    {
        if (Interlocked.Add(ref _bytes, data.Length) > MaxBytes)
        {
            _chunks.Clear();
            Interlocked.Exchange(ref _bytes, data.Length);
        }
        _chunks.TryAdd(blobId, data);
    }
}
