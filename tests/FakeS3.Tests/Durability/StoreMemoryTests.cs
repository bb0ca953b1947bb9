using System.Reflection;
using FakeS3.Storage;

namespace FakeS3.Tests.Durability;

/// <summary>What keeps the store's memory bounded under a write load (issue 14's soak).</summary>
public sealed class StoreMemoryTests
{
    [Fact]
    public void ObjectCache_CommitOfANewKeyIsNotCached_ButACachedKeyAlwaysGetsTheCommittedRecord()
    {
        var cache = new ObjectCache();
        var fresh = Record("new", "\"1\"");
        cache.Set(fresh, admit: false);
        Assert.Null(cache.Peek(fresh.Id));

        var read = Record("read", "\"1\"");
        cache.FillIfUnchanged(read, cache.Generation);
        cache.Set(Record("read", "\"2\""), admit: false);
        Assert.Equal("\"2\"", cache.Peek(read.Id)!.ETag);

        var replaced = Record("replaced", "\"3\"");
        cache.Set(replaced, admit: true);
        Assert.Equal("\"3\"", cache.Peek(replaced.Id)!.ETag);
    }

    [Fact]
    public void LiteDbPageCache_SegmentSizeIsSetInLiteDb()
    {
        // False would mean a LiteDB upgrade dropped the internal setting: the page cache grows 8 MiB at a time again.
        Assert.True(LiteDbPageCache.Configured);
        var sizes = (int[])typeof(LiteDB.LiteDatabase).Assembly.GetType("LiteDB.Constants")!
            .GetField("MEMORY_SEGMENT_SIZES", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!.GetValue(null)!;
        Assert.Equal(250, sizes[^1]);
    }

    static ObjectRecord Record(string key, string etag) =>
        new() { Id = ObjectRecord.MakeId("b", key), Bucket = "b", Key = key, ETag = etag };
}
