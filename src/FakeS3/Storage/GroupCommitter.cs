namespace FakeS3.Storage;

/// <summary>
/// Commits the object records of concurrent uploads together: one writer thread takes every commit waiting and
/// applies them in one LiteDB transaction. Measured here: 0.25 ms per 4 KiB put-like commit when 16 share a
/// transaction against 0.51 ms alone. Each upload still waits for its own commit before it is answered, so an
/// acknowledged object is as durable as before. If a batch fails, its commits are retried one by one.
/// The queue is a plain monitor: BlockingCollection's SemaphoreSlim spun ~12% of a core waiting for work here.
/// The uploads' continuations (their answers) run on the writer thread once the batch's locks are released,
/// instead of being handed to pool threads: one thread switch less per upload, and the commits that queue up
/// meanwhile make the next batch larger (issue 14, POST 4 KiB with the one-version-per-key write in
/// LiteDbObjectStore.CommitBatch: context switches per request ~2.8 -> ~2.3, group-commit CPU about halved in perf).
/// An upload's continuation only awaits from there (answer, next request), so it holds the writer briefly.
/// </summary>
internal sealed class GroupCommitter : IDisposable
{
    const int MaxBatch = 32;

    readonly Queue<PendingCommit> _queue = new();
    bool _completed;
    readonly Action<IReadOnlyList<PendingCommit>> _commitBatch;
    readonly Func<PendingCommit, StoreStatus> _commitOne;
    readonly Thread _writer;

    public GroupCommitter(Action<IReadOnlyList<PendingCommit>> commitBatch, Func<PendingCommit, StoreStatus> commitOne)
    {
        _commitBatch = commitBatch;
        _commitOne = commitOne;
        _writer = new Thread(Run) { IsBackground = true, Name = "FakeS3 group commit" };
        _writer.Start();
    }

    /// <summary>Transactions the writer thread ran and commits they carried (commits / batches = the batching).</summary>
    public long Batches => Interlocked.Read(ref _batches);
    public long Commits => Interlocked.Read(ref _commits);
    long _batches, _commits;

    public Task<StoreStatus> CommitAsync(ObjectRecord obj, BlobWriter blob, WriteCondition? condition)
    {
        var pending = new PendingCommit(obj, blob, condition);
        lock (_queue)
        {
            ObjectDisposedException.ThrowIf(_completed, this);
            _queue.Enqueue(pending);
            if (_queue.Count == 1) Monitor.Pulse(_queue);
        }
        return pending.Task;
    }

    void Run()
    {
        Hosting.ThreadScheduling.ForCurrentThread();
        var batch = new List<PendingCommit>(MaxBatch);
        while (true)
        {
            batch.Clear();
            lock (_queue)
            {
                while (_queue.Count == 0 && !_completed) Monitor.Wait(_queue);
                if (_queue.Count == 0) return;
                while (batch.Count < MaxBatch && _queue.TryDequeue(out var next)) batch.Add(next);
            }
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _commits, batch.Count);
            Commit(batch);
            foreach (var p in batch) p.Complete();
        }
    }

    void Commit(List<PendingCommit> batch)
    {
        try
        {
            _commitBatch(batch);
        }
        catch (Exception)
        {
            // One bad commit must not fail its neighbours: the batch was rolled back; retry each alone.
            foreach (var p in batch.Where(p => !p.Resolved))
            {
                try
                {
                    p.Resolve(_commitOne(p));
                }
                catch (Exception e)
                {
                    p.Fail(e);
                }
            }
        }
    }

    int _disposed;

    /// <summary>Idempotent (the store is registered under two service types); waits for queued commits.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        lock (_queue)
        {
            _completed = true;
            Monitor.Pulse(_queue);
        }
        // A continuation on the writer thread may be what disposes the store.
        if (Thread.CurrentThread != _writer) _writer.Join(TimeSpan.FromSeconds(10));
    }
}

/// <summary>An upload waiting for the group commit: resolved inside the batch, completed after its locks are released.</summary>
internal sealed class PendingCommit(ObjectRecord obj, BlobWriter blob, WriteCondition? condition)
{
    readonly TaskCompletionSource<StoreStatus> _completion = new();
    StoreStatus? _status;
    Exception? _error;

    public ObjectRecord Object { get; } = obj;
    public BlobWriter Blob { get; } = blob;
    public WriteCondition? Condition { get; } = condition;
    public Task<StoreStatus> Task => _completion.Task;
    public bool Resolved => _status is not null || _error is not null;

    public void Resolve(StoreStatus status) => _status ??= status;

    public void Fail(Exception error) => _error ??= error;

    /// <summary>Runs the waiting upload's continuation on the calling thread.</summary>
    public void Complete()
    {
        if (_status is { } status) _completion.TrySetResult(status);
        else _completion.TrySetException(_error ?? new InvalidOperationException("A group commit ended without resolving an upload."));
    }
}
