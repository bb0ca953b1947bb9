using System.Globalization;

namespace FakeS3.Storage;

/// <summary>
/// How a blob is cut into chunk documents, derived from its id so that every place holding a blob id (object
/// segments, parts, pending markers, the collector) knows its chunk size without a schema change. Blobs written
/// before chunks grew have a bare 32-hex id and 64 KiB chunks; newer ids end in ".{chunk size in KiB}".
/// </summary>
public static class BlobLayout
{
    /// <summary>The chunk size of blobs whose id carries no size (data files written with 64 KiB chunks).</summary>
    public const int LegacyChunkSize = 64 * 1024;

    /// <summary>
    /// New blobs: LiteDB reads a 256 KiB document about twice as fast per byte as a 64 KiB one (issue 14's
    /// raw-engine table) and a 64 MiB object becomes 256 documents instead of 1,024.
    /// </summary>
    public const int ChunkSize = 256 * 1024;

    static readonly string NewIdSuffix = "." + (ChunkSize / 1024).ToString(CultureInfo.InvariantCulture);

    public static string NewBlobId() => Guid.NewGuid().ToString("N") + NewIdSuffix;

    public static int ChunkSizeOf(string blobId)
    {
        var dot = blobId.LastIndexOf('.');
        return dot >= 0 && int.TryParse(blobId.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var kib) && kib > 0
            ? kib * 1024
            : LegacyChunkSize;
    }

    /// <summary>An empty blob still has one (empty) chunk.</summary>
    public static int ChunkCount(string blobId, long size)
    {
        var chunk = ChunkSizeOf(blobId);
        return (int)Math.Max(1, (size + chunk - 1) / chunk);
    }

    public static string ChunkId(string blobId, int index) => $"{blobId}/{index:D8}";
}
