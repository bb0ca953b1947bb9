using System.Globalization;

namespace FakeS3.Storage;

/// <summary>
/// How a blob is cut into chunk documents, derived from its id so that every place holding a blob id (object
/// segments, parts, pending markers, the collector) knows its chunk size without a schema change. A bare 32-hex
/// id means 64 KiB chunks (every blob so far); an id ending in ".{KiB}" has chunks of that size, so the size can
/// change later without breaking data files that already exist. A blob whose chunk documents were recycled for a
/// new upload (<see cref="BlobRecycler"/>) keeps their id as its chunk prefix and adds a generation, "+{n}", so
/// the new blob's id differs from the freed one's (a reader holding the old record must not pass the "still the
/// current blobs" check) while its chunks keep their documents.
/// </summary>
internal static class BlobLayout
{
    /// <summary>The chunk size of blobs whose id carries no size (data files written with 64 KiB chunks).</summary>
    public const int LegacyChunkSize = 64 * 1024;

    /// <summary>
    /// New blobs. 256 KiB chunks were tried (issue 14) and measured here in the same runs: every chunk LiteDB
    /// reads is a new array, and above 85 KB those land on the large-object heap: peak RSS of a 1 GiB PUT then
    /// GET rose from 128 to 158 MiB (target &lt; 150) and to 300 MiB after four 64 MiB PUTs and GETs (64 KiB:
    /// 171), while neither the raw 64 MiB read-back nor the HTTP 64 MiB GET was consistently faster.
    /// </summary>
    public const int ChunkSize = 64 * 1024;

    static readonly string NewIdSuffix = ChunkSize == LegacyChunkSize ? "" : "." + (ChunkSize / 1024).ToString(CultureInfo.InvariantCulture);

    /// <summary>Bare while the chunk size is 64 KiB, so data files stay readable by older FakeS3 versions too.</summary>
    public static string NewBlobId() => Guid.NewGuid().ToString("N") + NewIdSuffix;

    public static int ChunkSizeOf(string blobId)
    {
        var prefix = ChunkPrefix(blobId);
        var dot = prefix.LastIndexOf('.');
        return dot >= 0 && int.TryParse(prefix[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var kib) && kib > 0
            ? kib * 1024
            : LegacyChunkSize;
    }

    /// <summary>The part of a blob id its chunk documents are named by: the id without its generation.</summary>
    public static ReadOnlySpan<char> ChunkPrefix(string blobId)
    {
        var plus = blobId.IndexOf('+');
        return plus >= 0 ? blobId.AsSpan(0, plus) : blobId;
    }

    /// <summary>The id of the next blob written into these chunk documents: same prefix, generation + 1.</summary>
    public static string NextGeneration(string blobId)
    {
        var plus = blobId.IndexOf('+');
        var generation = plus >= 0 && long.TryParse(blobId.AsSpan(plus + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var g) ? g : 0;
        return string.Concat(ChunkPrefix(blobId), "+", (generation + 1).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>An empty blob still has one (empty) chunk.</summary>
    public static int ChunkCount(string blobId, long size)
    {
        var chunk = ChunkSizeOf(blobId);
        return (int)Math.Max(1, (size + chunk - 1) / chunk);
    }

    public static string ChunkId(string blobId, int index) => $"{ChunkPrefix(blobId)}/{index:D8}";

    /// <summary>The id range holding every chunk of the blob, whatever its length: '/' (0x2F) &lt; '0' (0x30).</summary>
    public static (string From, string To) ChunkRange(string blobId) =>
        (string.Concat(ChunkPrefix(blobId), "/"), string.Concat(ChunkPrefix(blobId), "0"));
}
