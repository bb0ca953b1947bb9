using LiteDB;

namespace FakeS3.Storage;

/// <summary>Ordered reads through a "SortKey" index (objects, multipart uploads): one short hold of the lock each.</summary>
internal static class SortedRange
{
    /// <summary>
    /// Documents with lo &lt;= SortKey &lt;= hi in order, about <paramref name="limit"/> of them, each read as the
    /// <paramref name="fields"/> only and mapped by <paramref name="map"/>; More when the limit cut the read. Then the
    /// last byte key's group (keys cut to the same bytes, or uploads of one key) is read whole, so the next read starts
    /// strictly after that byte key (<see cref="SortKey.Next"/>).
    /// </summary>
    public static (List<T> Records, bool More) Read<T>(FakeS3Database db, Func<ILiteCollection<BsonDocument>> collection, BsonExpression fields,
        Func<BsonDocument, T> map, Func<T, byte[]> sortKey, Comparison<T> sameSortKeyOrder, byte[] lo, byte[] hi, int limit)
    {
        if (lo.AsSpan().SequenceCompareTo(hi) > 0) return ([], false);
        List<T> records;
        var more = false;
        lock (db.Lock)
        {
            var c = collection();
            // The range on the indexed field makes LiteDB walk the SortKey index from lo in order and stop at the
            // limit; the named fields let it skip the rest of each document instead of deserialising it.
            records = c.Query().Where(Query.Between("SortKey", lo, hi)).Select(fields).Limit(limit).ToEnumerable().Select(map).ToList();
            if (records.Count == limit)
            {
                more = true;
                var last = sortKey(records[^1]);
                records.RemoveAll(r => sortKey(r).AsSpan().SequenceEqual(last));
                records.AddRange(c.Query().Where(Query.EQ("SortKey", last)).Select(fields).ToEnumerable().Select(map));
            }
        }
        records.Sort((a, b) => sortKey(a).AsSpan().SequenceCompareTo(sortKey(b)) is var o and not 0 ? o : sameSortKeyOrder(a, b));
        return (records, more);
    }
}
