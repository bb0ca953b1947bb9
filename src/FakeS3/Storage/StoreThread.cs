namespace FakeS3.Storage;

/// <summary>
/// One dedicated thread for the LiteDB writes a request would otherwise make on a thread-pool thread while it
/// streams a body (a 1 MiB chunk group every 1 MiB). Those writes block: on the store lock, which a checkpoint
/// holds while it copies the log, and inside LiteDB. Four 64 MiB PUT streams blocked as many pool threads, the
/// pool (2 threads on 2 cores) starved, and GET 4 KiB, which needs no lock at all for a cached record, fell to
/// 0.01-0.03 of its rate alone (issue 14; with 64 minimum pool threads instead: 0.74). Here the request awaits
/// the write and its pool thread serves others meanwhile. One thread suffices: every LiteDB call is serialised
/// by the store lock anyway. Shared by every store in the process (tests host several).
/// </summary>
internal static class StoreThread
{
    static readonly Queue<(Action Work, TaskCompletionSource Done)> Queue = new();
    static Thread? _thread;

    /// <summary>Runs <paramref name="work"/> on the store thread; its exception, if any, surfaces from the task.</summary>
    public static Task RunAsync(Action work)
    {
        // Continuations run on the pool, never on the store thread, so one request cannot stall the others.
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (Queue)
        {
            _thread ??= Start();
            Queue.Enqueue((work, done));
            if (Queue.Count == 1) Monitor.Pulse(Queue);
        }
        return done.Task;
    }

    static Thread Start()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "FakeS3 store writes" };
        thread.Start();
        return thread;
    }

    static void Run()
    {
        while (true)
        {
            (Action Work, TaskCompletionSource Done) next;
            lock (Queue)
            {
                while (Queue.Count == 0) Monitor.Wait(Queue);
                next = Queue.Dequeue();
            }
            try
            {
                next.Work();
                next.Done.SetResult();
            }
            catch (Exception e)
            {
                next.Done.SetException(e);
            }
        }
    }
}
