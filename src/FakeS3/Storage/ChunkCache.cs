using System.Collections.Concurrent;

namespace FakeS3.Storage;

/// <summary>
/// The bytes of small (single-chunk) blobs, so repeated GETs of small objects skip LiteDB. Blobs are immutable
/// and their ids never reused, so entries never go stale; the cache is bounded and simply emptied when full.
/// </summary>
internal sealed class ChunkCache
{
    const long MaxBytes = 32L * 1024 * 1024;
    readonly ConcurrentDictionary<string, byte[]> _chunks = new(StringComparer.Ordinal);
    long _bytes;

    public bool TryGet(string chunkId, out byte[] data) => _chunks.TryGetValue(chunkId, out data!);

    public void Add(string chunkId, byte[] data)
    {
        if (Interlocked.Add(ref _bytes, data.Length) > MaxBytes)
        {
            _chunks.Clear();
            Interlocked.Exchange(ref _bytes, data.Length);
        }
        _chunks.TryAdd(chunkId, data);
    }
}
