namespace FakeS3.Storage;

/// <summary>
/// Freed large blobs wait here for a moment before the collector deletes them, so that an upload of about their
/// size can take one over and rewrite its chunk documents in place (<see cref="BlobWriter"/>). Deleting a chunk
/// costs LiteDB nearly what inserting it does (it reads each page and writes it back empty into the log, and the
/// checkpoint copies it again), while updating a chunk document costs no more than inserting one: a raw LiteDB loop
/// overwriting 64 MiB blobs spent 4.3 ms of CPU per MB with insert-then-delete and 2.4 with updates (issue 14).
/// Only blobs no reader holds any more get here (<see cref="BlobLeases"/>), each with its pending marker, so a
/// stop or a crash while one waits collects it at the next start as before.
/// </summary>
internal sealed class BlobRecycler
{
    /// <summary>How long a freed blob waits for an upload to take it over before it is deleted.</summary>
    public static readonly TimeSpan HoldFor = TimeSpan.FromSeconds(2);

    /// <summary>
    /// At most this many chunks past the end of the new blob are left of the old one; the taker deletes them in
    /// its commit. Bounds that commit, so a small upload never takes over (and deletes most of) a 1 GiB blob.
    /// </summary>
    public const int MaxLeftoverChunks = 16;

    const int MaxHeld = 8;

    /// <summary>
    /// Freed blobs of at most this size are deleted inside the transaction that frees them (one transaction instead
    /// of one per chunk, which made every overwrite of a small object several times slower); larger ones wait here,
    /// then the collector deletes them in the background.
    /// </summary>
    public const long MinBytes = 1024 * 1024;

    readonly List<(BlobSegment Blob, long Since)> _held = [];
    readonly object _gate = new();

    /// <summary>Only blobs written with today's chunk size: the taker writes its chunks at that size.</summary>
    public static bool Accepts(BlobSegment blob) =>
        blob.Size > MinBytes && BlobLayout.ChunkSizeOf(blob.BlobId) == BlobLayout.ChunkSize;

    /// <summary>Holds the blob; returns the blob pushed out to make room (the oldest), if any.</summary>
    public BlobSegment? Hold(BlobSegment blob)
    {
        lock (_gate)
        {
            _held.Add((blob, Environment.TickCount64));
            if (_held.Count <= MaxHeld) return null;
            var oldest = _held[0].Blob;
            _held.RemoveAt(0);
            return oldest;
        }
    }

    /// <summary>
    /// Takes the held blob that best fits an upload of <paramref name="expectedSize"/> bytes: the most chunks
    /// that leave at most <see cref="MaxLeftoverChunks"/> unused. Null if none fits.
    /// </summary>
    public BlobSegment? TryTake(long expectedSize)
    {
        var needed = (expectedSize + BlobLayout.ChunkSize - 1) / BlobLayout.ChunkSize;
        lock (_gate)
        {
            var best = -1;
            var bestCount = 0;
            for (var i = 0; i < _held.Count; i++)
            {
                var count = BlobLayout.ChunkCount(_held[i].Blob.BlobId, _held[i].Blob.Size);
                if (count > needed + MaxLeftoverChunks || count <= bestCount) continue;
                best = i;
                bestCount = count;
            }
            if (best < 0) return null;
            var blob = _held[best].Blob;
            _held.RemoveAt(best);
            return blob;
        }
    }

    /// <summary>The blobs that waited <see cref="HoldFor"/> (or all of them), for deletion.</summary>
    public List<BlobSegment> TakeExpired(bool all = false)
    {
        var cutoff = Environment.TickCount64 - (long)HoldFor.TotalMilliseconds;
        lock (_gate)
        {
            var expired = _held.Where(h => all || h.Since <= cutoff).Select(h => h.Blob).ToList();
            _held.RemoveAll(h => all || h.Since <= cutoff);
            return expired;
        }
    }

    public bool IsEmpty
    {
        get { lock (_gate) return _held.Count == 0; }
    }
}
