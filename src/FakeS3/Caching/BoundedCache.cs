using System.Collections.Concurrent;

namespace FakeS3.Caching;

/// <summary>
/// A thread-safe map of values that are pure functions of their keys (parsed policies, matched signatures),
/// bounded by entry count: when full it is simply emptied, since any entry can be computed again.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int maxEntries, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    readonly ConcurrentDictionary<TKey, TValue> _entries = new(comparer);

    public bool TryGet(TKey key, out TValue value) => _entries.TryGetValue(key, out value!);

    /// <summary>Called on a miss only: Count takes every lock of the dictionary.</summary>
    public void Add(TKey key, TValue value)
    {
        if (_entries.Count >= maxEntries) _entries.Clear();
        _entries.TryAdd(key, value);
    }
}
