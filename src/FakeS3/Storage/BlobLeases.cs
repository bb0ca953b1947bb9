namespace FakeS3.Storage;

/// <summary>
/// Blobs held by open readers. A commit that stops referencing a leased blob does not delete it: the blob keeps a
/// pending marker and is handed to the collector when its last reader closes (a restart collects it through
/// the marker). So a GET or copy that started on a version reads all of it, whatever is committed meanwhile.
/// </summary>
internal sealed class BlobLeases
{
    readonly Dictionary<string, int> _readers = new(StringComparer.Ordinal);
    readonly Dictionary<string, BlobSegment> _released = new(StringComparer.Ordinal);
    readonly object _gate = new();

    public void Acquire(IReadOnlyList<BlobSegment> segments)
    {
        lock (_gate)
        {
            foreach (var s in segments) _readers[s.BlobId] = _readers.GetValueOrDefault(s.BlobId) + 1;
        }
    }

    /// <summary>Drops one lease per segment; returns the released blobs no reader holds any more.</summary>
    public List<BlobSegment> Return(IReadOnlyList<BlobSegment> segments)
    {
        var free = new List<BlobSegment>();
        lock (_gate)
        {
            foreach (var s in segments)
            {
                if (!_readers.TryGetValue(s.BlobId, out var n)) continue;
                if (n > 1)
                {
                    _readers[s.BlobId] = n - 1;
                    continue;
                }
                _readers.Remove(s.BlobId);
                if (_released.Remove(s.BlobId, out var blob)) free.Add(blob);
            }
        }
        return free;
    }

    public bool IsLeased(string blobId)
    {
        lock (_gate) return _readers.ContainsKey(blobId);
    }

    /// <summary>After the commit that released them: those still read wait for their readers; the rest are returned.</summary>
    public List<BlobSegment> DeferWhileRead(IEnumerable<BlobSegment> released)
    {
        var free = new List<BlobSegment>();
        lock (_gate)
        {
            foreach (var s in released)
            {
                if (_readers.ContainsKey(s.BlobId)) _released[s.BlobId] = s;
                else free.Add(s);
            }
        }
        return free;
    }
}
