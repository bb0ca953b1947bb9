using System.Reflection;

namespace FakeS3.Storage;

/// <summary>
/// The growth step of LiteDB's page cache. LiteDB 5.0.21 keeps pages in segments of 12, 50, 100, 500, then 1,000
/// pages of 8 KiB (its internal <c>Constants.MEMORY_SEGMENT_SIZES</c>, read when a database opens; no public setting).
/// With every page in use it reuses the oldest unused pages only when more than a segment's worth are unused, and
/// otherwise adds a segment it never gives back: beyond 1,662 pages it grows 8 MiB at a time and keeps 1,000 pages
/// spare. A 100,000-key listing walk grew it to 3,662 pages (28 MiB) for good; with segments of 250 pages after the
/// first three it stopped at 2,162 (16 MiB), the listing walks and the mixed soak as fast (issue 14,
/// docs/benchmarks.md).
/// </summary>
internal static class LiteDbPageCache
{
    static readonly int[] SegmentPages = [12, 50, 100, 250, 250];

    /// <summary>Set once, before the first database opens; false when LiteDB no longer has the setting (an upgrade).</summary>
    public static bool Configured { get; } = Configure();

    static bool Configure()
    {
        var field = typeof(LiteDB.LiteDatabase).Assembly.GetType("LiteDB.Constants")
            ?.GetField("MEMORY_SEGMENT_SIZES", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic);
        if (field is null || field.FieldType != typeof(int[]) || field.IsInitOnly || field.IsLiteral) return false;
        field.SetValue(null, SegmentPages.ToArray());
        return true;
    }
}
