using System.Collections.Concurrent;

namespace FakeS3.Storage;

/// <summary>
/// Deletes the chunks of large replaced or deleted blobs on its own thread, a few hundred chunks per LiteDB
/// transaction, so an overwrite of a 1 GiB object neither waits for 16k deletions nor holds the database lock
/// for all of them. Each blob carries a pending marker (written in the transaction that freed it) until its
/// last chunk is gone, so a stop in between only postpones the work to the next start.
/// </summary>
internal sealed class BlobCollector : IDisposable
{
    const int ChunksPerTransaction = 256;
    const int ChunksPerTransactionWhenShort = 4;

    readonly FakeS3Database _db;
    readonly BlockingCollection<BlobSegment> _queue = new();
    readonly Thread _worker;
    int _disposed;

    public BlobRecycler Recycler { get; } = new();

    public BlobCollector(FakeS3Database db)
    {
        _db = db;
        _worker = new Thread(Run) { IsBackground = true, Name = "FakeS3 blob collector" };
        _worker.Start();
    }

    /// <summary>
    /// Blobs no reader holds any more. Large ones of today's chunk size wait in <see cref="Recycler"/> (held here, on
    /// the freeing thread, so the next upload can take one at once); the rest, and those that waited long enough,
    /// are deleted on the collector's thread. Short of disk nothing waits: deleting is what makes room.
    /// </summary>
    public void Enqueue(IEnumerable<BlobSegment> segments)
    {
        try
        {
            foreach (var s in segments)
            {
                var evicted = _disposed == 0 && BlobRecycler.Accepts(s) && !ShortOfRoom ? Recycler.Hold(s) : s;
                if (evicted is not null) _queue.Add(evicted);
            }
        }
        catch (InvalidOperationException)
        {
            // Stopping: the pending markers get these collected at the next start.
        }
    }

    bool ShortOfRoom => _db.Room is { IsShort: true } or { LowOnDisk: true };

    void Run()
    {
        Hosting.ThreadScheduling.ForCurrentThread();
        while (true)
        {
            BlobSegment? blob = null;
            try
            {
                // Wakes every tick to delete the blobs that waited long enough.
                _queue.TryTake(out blob, 100);
            }
            catch (InvalidOperationException)
            {
                // stopping and nothing left queued
            }
            if (blob is null && _queue.IsCompleted) break;
            if (blob is not null) TryCollect(blob);
            foreach (var expired in Recycler.TakeExpired(all: ShortOfRoom)) TryCollect(expired);
        }
        foreach (var held in Recycler.TakeExpired(all: true)) TryCollect(held);
    }

    void TryCollect(BlobSegment blob)
    {
        try
        {
            // Without its marker the commit that freed it was lost (the file reopened after an engine fault: the
            // version referencing it is current again) or a reset deleted everything: nothing to delete.
            lock (_db.Lock)
            {
                if (_db.PendingBlobs.FindById(blob.BlobId) is null) return;
            }
            Collect(_db, blob.BlobId, BlobLayout.ChunkCount(blob.BlobId, blob.Size));
        }
        catch (Exception e)
        {
            // Left to the next start's collection through the marker. Never thrown on: an exception on this
            // thread ended the process (a full disk failed the collection's commit right after a DELETE of a
            // large object). LiteDB stops its engine on an I/O error: reopen it now, as a failed request would.
            if (e is not IOException) return;
            try
            {
                _db.RecoverAfterFault(StorageFault.IsDiskFull(e));
            }
            catch (Exception)
            {
                // the next request's own failure recovers the store
            }
        }
    }

    /// <summary>Deletes a marked blob's chunks in bounded transactions, then its marker.</summary>
    internal static void Collect(FakeS3Database db, string blobId, int chunkCount)
    {
        for (var first = 0; first < chunkCount;)
        {
            // Short of disk, the pages a transaction frees must fit the room left in the log: small transactions, each
            // after the log is checkpointed and the reserve released if need be, as before a DELETE. 256 chunks
            // (16 MiB of freed pages) at once failed on a disk filled to the last byte, and every DELETE after it
            // answered 503 (session 5).
            var shortOfRoom = db.Room is { IsShort: true } or { LowOnDisk: true };
            if (shortOfRoom) db.MakeRoomForDelete();
            var last = Math.Min(chunkCount, first + (shortOfRoom ? ChunksPerTransactionWhenShort : ChunksPerTransaction));
            lock (db.Lock)
            {
                db.Db.BeginTrans();
                try
                {
                    for (var i = first; i < last; i++) db.Chunks.Delete(BlobWriter.ChunkId(blobId, i));
                    if (last == chunkCount) db.PendingBlobs.Delete(blobId);
                    db.Db.Commit();
                }
                catch
                {
                    db.TryRollback();
                    throw;
                }
            }
            first = last;
        }
    }

    /// <summary>Idempotent; finishes what is queued (bounded wait), the rest waits for the next start.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _queue.CompleteAdding();
        _worker.Join(TimeSpan.FromSeconds(10));
    }
}
