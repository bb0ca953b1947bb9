using System.Diagnostics;
using LiteDB;

/// <summary>
/// LiteDB's own ceiling on this machine: a plain loop over the engine with no FakeS3 type (direct connection,
/// one thread, ordinal collation like FakeS3's file), for the settings issue 14 lists. FakeS3's store is
/// measured in the same run by Program.cs, so every store target is a same-run ratio against these rows.
/// </summary>
static class RawEngineCeiling
{
    public sealed record WriteSetting(string Name, int DocumentSize, int PerTransaction, bool CheckpointLater, bool InMemory, int BodySize);

    public sealed record WriteResult(WriteSetting Setting, double DocsPerSecond, double MbPerSecond);

    /// <summary>Cold: the database reopened before each round (LiteDB's page cache empty, the OS cache warm).</summary>
    public sealed record ReadResult(int ChunkSize, double ColdMbPerSecond, double WarmMbPerSecond);

    /// <summary>The table: 64 KiB and 4 KiB documents, per-commit vs 32 per transaction, checkpoint later.</summary>
    public static readonly WriteSetting[] Settings =
    [
        new("64 KiB, 1 per transaction, default pragmas", 64 * 1024, 1, false, false, 64 * 1024),
        new("64 KiB, 32 per transaction", 64 * 1024, 32, false, false, 64 * 1024),
        new("64 KiB, 32 per transaction, CHECKPOINT 0 (checkpoint later)", 64 * 1024, 32, true, false, 64 * 1024),
        new("64 KiB bodies as 256 KiB chunks, 32 per transaction, checkpoint later", 256 * 1024, 32, true, false, 64 * 1024),
        new("64 KiB, :memory:", 64 * 1024, 1, false, true, 64 * 1024),
        new("4 KiB, 1 per transaction", 4 * 1024, 1, false, false, 4 * 1024),
        new("4 KiB, 32 per transaction", 4 * 1024, 32, false, false, 4 * 1024),
        new("4 KiB, 32 per transaction, checkpoint later", 4 * 1024, 32, true, false, 4 * 1024),
    ];

    public static WriteResult MeasureWrite(WriteSetting setting, string path, TimeSpan until)
    {
        using var db = Open(setting.InMemory ? ":memory:" : path, fresh: true);
        if (setting.CheckpointLater) db.Pragma("CHECKPOINT", 0);
        var docs = db.GetCollection("docs");
        var body = new byte[setting.DocumentSize];
        Random.Shared.NextBytes(body);
        long written = 0;
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < until)
        {
            if (setting.PerTransaction > 1) db.BeginTrans();
            for (var i = 0; i < setting.PerTransaction; i++)
                docs.Insert(new BsonDocument { ["_id"] = $"blob/{written++:D10}", ["d"] = body });
            if (setting.PerTransaction > 1) db.Commit();
        }
        var elapsed = stopwatch.Elapsed.TotalSeconds;
        // "64 KiB as 256 KiB chunks" counts the 64 KiB bodies those bytes would hold (the docs/s column).
        var bytes = written * (double)setting.DocumentSize;
        return new WriteResult(setting, bytes / setting.BodySize / elapsed, bytes / elapsed / 1e6);
    }

    /// <summary>Writes 64 MiB as chunk documents of <paramref name="chunkSize"/>, then reads it back by FindById per chunk.</summary>
    public static ReadResult MeasureRead(int chunkSize, string path, int rounds)
    {
        const int total = 64 * 1024 * 1024;
        var count = total / chunkSize;
        using (var db = Open(path, fresh: true))
        {
            var chunks = db.GetCollection("chunks");
            var body = new byte[chunkSize];
            Random.Shared.NextBytes(body);
            db.BeginTrans();
            for (var i = 0; i < count; i++) chunks.Insert(new BsonDocument { ["_id"] = $"blob/{i:D8}", ["d"] = body });
            db.Commit();
        }
        double cold = 0, warm = 0;
        for (var round = 0; round < rounds; round++)
        {
            using var db = Open(path, fresh: false);
            var chunks = db.GetCollection("chunks");
            cold = Math.Max(cold, ReadAll(chunks, count));
            warm = Math.Max(warm, ReadAll(chunks, count));
        }
        return new ReadResult(chunkSize, cold, warm);
    }

    static double ReadAll(ILiteCollection<BsonDocument> chunks, int count)
    {
        long read = 0;
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++) read += chunks.FindById($"blob/{i:D8}")["d"].AsBinary.Length;
        return read / stopwatch.Elapsed.TotalSeconds / 1e6;
    }

    static LiteDatabase Open(string path, bool fresh)
    {
        if (fresh && path != ":memory:")
        {
            foreach (var f in new[] { path, path.Replace(".db", "-log.db") }) File.Delete(f);
        }
        return new LiteDatabase(new ConnectionString
        {
            Filename = path,
            Connection = ConnectionType.Direct,
            Collation = new Collation("en-US/Ordinal"),
        });
    }
}
