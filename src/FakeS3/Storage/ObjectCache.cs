using System.Collections.Concurrent;

namespace FakeS3.Storage;

/// <summary>
/// Read cache of object records in front of LiteDB (a lookup there costs ~0.1–0.3 ms, more than the rest of a
/// small GET). Write-through: the store updates it after each commit under its commit lock. A miss only fills
/// the cache when no write happened meanwhile (generation check), so a read racing a delete never resurrects it.
/// A commit admits a key only when it replaced a version (see <see cref="Set"/>); a new key enters on its first read.
/// </summary>
internal sealed class ObjectCache
{
    /// <summary>
    /// Bound on the records' estimated footprint (<see cref="Footprint"/>), inline bytes included; a full cache is
    /// simply emptied. Every new object is written through, so under a PUT load the cache fills with records that
    /// are never read: at 100,000 records and 64 MiB of inline bytes it was ~100 MiB of a 5-minute mixed soak's
    /// managed heap (issue 14, docs/benchmarks.md), while the hot set of a GET load is a handful of records.
    /// </summary>
    const long MaxBytes = 16L * 1024 * 1024;
    readonly ConcurrentDictionary<string, ObjectRecord> _records = new(StringComparer.Ordinal);
    long _generation;
    long _bytes;

    public long Generation => Interlocked.Read(ref _generation);

    public ObjectRecord? Get(string id) => _records.TryGetValue(id, out var r) ? r.Clone() : null;

    /// <summary>The cached instance (never mutated: <see cref="Set"/> replaces it), for read-only callers.</summary>
    public ObjectRecord? Peek(string id) => _records.TryGetValue(id, out var r) ? r : null;

    public void FillIfUnchanged(ObjectRecord record, long generationBeforeRead)
    {
        if (Generation != generationBeforeRead) return;
        MakeRoom(record);
        _records.TryAdd(record.Id, record.Clone());
    }

    /// <summary>
    /// Called with the commit lock held, after the commit. A cached key always gets the committed record; an uncached
    /// one only with <paramref name="admit"/> (the commit replaced a version: a key written again and again, whose
    /// next commit then skips the LiteDB lookup of its previous version). Admitting every new key filled the cache
    /// with records of a PUT load that are never read, and each emptying of it left them to the gen-2 collector: in
    /// a mixed soak on 100,000 keys gen 2 swung between 12 and 48 MiB, and peak RSS fell from 232-243 to 212 MiB
    /// without it (issue 14, docs/benchmarks.md). A new key costs its first GET one lookup instead.
    /// </summary>
    public void Set(ObjectRecord record, bool admit)
    {
        Interlocked.Increment(ref _generation);
        if (!admit && !_records.ContainsKey(record.Id)) return;
        MakeRoom(record);
        _records[record.Id] = record.Clone();
    }

    /// <summary>Counted on the way in (a replaced or removed record is not subtracted: the count only errs high).</summary>
    void MakeRoom(ObjectRecord incoming)
    {
        var size = Footprint(incoming);
        if (Interlocked.Add(ref _bytes, size) <= MaxBytes) return;
        _records.Clear();
        Interlocked.Exchange(ref _bytes, size);
    }

    /// <summary>
    /// Estimated bytes a cached record holds: its inline body, strings (UTF-16) and a fixed 512 for the record's
    /// fields, its dictionaries and list, and the cache's node (a rough upper bound for records without metadata).
    /// </summary>
    static long Footprint(ObjectRecord r)
    {
        long chars = r.Id.Length + r.Key.Length + r.Bucket.Length + r.ETag.Length + r.ContentType.Length
            + (r.ChecksumValue?.Length ?? 0) + (r.UploadId?.Length ?? 0);
        foreach (var (name, value) in r.Metadata) chars += name.Length + value.Length + 16;
        foreach (var (name, value) in r.Tags) chars += name.Length + value.Length + 16;
        return 512 + 2 * chars + r.SortKey.Length + 64L * r.Segments.Count + (r.Inline?.Length ?? 0);
    }

    public void Remove(string id)
    {
        Interlocked.Increment(ref _generation);
        _records.TryRemove(id, out _);
    }

    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _records.Clear();
        Interlocked.Exchange(ref _bytes, 0);
    }
}
