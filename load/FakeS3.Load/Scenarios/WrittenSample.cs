using System.Collections.Concurrent;

namespace FakeS3.Load.Scenarios;

/// <summary>Keeps the first few keys a PUT scenario wrote successfully, for the read-back check.</summary>
public sealed class WrittenSample(int capacity)
{
    private readonly ConcurrentQueue<(string Key, int Seed, long Size)> _keys = new();
    private int _count;

    public void Add(string key, int seed, long size)
    {
        if (Interlocked.Increment(ref _count) <= capacity) _keys.Enqueue((key, seed, size));
    }

    public IEnumerable<(string Key, int Seed, long Size)> Items => _keys;
}
