using System.Diagnostics;
using System.Text.Json;
using FakeS3.Hosting;
using FakeS3.Storage;
using Microsoft.Extensions.Options;

// The ceilings of FakeS3's storage on this machine, with no HTTP at all, in one run:
//  - raw engine: a plain LiteDB loop (no FakeS3 types, one thread) for the settings issue 14 lists, writes and
//    64 MiB read-backs by chunk size (RawEngineCeiling.cs);
//  - FakeS3's store: concurrent writers commit objects straight into LiteDbObjectStore (chunked blob or inline
//    record, group commit, replaced versions freed) as a PUT or a POST does after its body is verified, and a
//    64 MiB object read back through the store.
// Compare them as same-run ratios (docs/benchmarks.md).
//   dotnet run -c Release --project load/FakeS3.StorageCeiling -- [--seconds 10] [--writers 16] [--data /tmp/x.db]
//       [--mode both|raw|store] [--json out.json]
var seconds = Arg("--seconds", 10);
var writers = Arg("--writers", 16);
var mode = ArgText("--mode") ?? "both";
var jsonPath = ArgText("--json");
var dataPath = ArgText("--data") ?? Path.Combine(Path.GetTempPath(), $"fakes3-ceiling-{Environment.ProcessId}.db");
var until = TimeSpan.FromSeconds(seconds);
var report = new Dictionary<string, object>();

if (mode is "both" or "raw")
{
    Console.WriteLine($"Raw LiteDB (no FakeS3 code): direct connection, one thread, {seconds} s per setting, file {dataPath}");
    RawEngineCeiling.MeasureWrite(RawEngineCeiling.Settings[5], dataPath, TimeSpan.FromSeconds(1)); // warm-up (JIT)
    Console.WriteLine("| documents | setting | docs/s | MB/s |");
    Console.WriteLine("|---|---|---:|---:|");
    var rawWrites = new List<object>();
    foreach (var setting in RawEngineCeiling.Settings)
    {
        var r = RawEngineCeiling.MeasureWrite(setting, dataPath, until);
        Console.WriteLine($"| raw | {setting.Name} | {r.DocsPerSecond:F0} | {r.MbPerSecond:F1} |");
        rawWrites.Add(new { setting = setting.Name, docsPerSecond = Math.Round(r.DocsPerSecond), mbPerSecond = Math.Round(r.MbPerSecond, 1) });
    }
    Console.WriteLine();
    Console.WriteLine("| raw read-back of 64 MiB by FindById per chunk | MB/s, database reopened | MB/s, pages cached |");
    Console.WriteLine("|---|---:|---:|");
    var rawReads = new List<object>();
    foreach (var chunk in new[] { 64 * 1024, 256 * 1024, 1024 * 1024 })
    {
        var r = RawEngineCeiling.MeasureRead(chunk, dataPath, rounds: 3);
        Console.WriteLine($"| {chunk / 1024} KiB chunks | {r.ColdMbPerSecond:F0} | {r.WarmMbPerSecond:F0} |");
        rawReads.Add(new { chunkSize = chunk, coldMbPerSecond = Math.Round(r.ColdMbPerSecond), warmMbPerSecond = Math.Round(r.WarmMbPerSecond) });
    }
    Console.WriteLine();
    report["raw"] = new { writes = rawWrites, reads = rawReads };
}

if (mode is "both" or "store")
{
    Console.WriteLine($"FakeS3 store: {writers} writers, {seconds} s per size, LiteDB file {dataPath}");
    await Measure(4 * 1024, sameKey: true, TimeSpan.FromSeconds(2)); // warm-up (JIT), not reported
    Console.WriteLine("| object size | key pattern | commits/s | MB/s | commits per group-commit transaction |");
    Console.WriteLine("|---:|---|---:|---:|---:|");
    var storeWrites = new List<object>();
    foreach (var (size, sameKey) in new[] { (4 * 1024, true), (4 * 1024, false), (64 * 1024, true), (64 * 1024, false) })
    {
        var (perSecond, mbPerSecond, perBatch) = await Measure(size, sameKey, until);
        var pattern = sameKey ? "one key per writer (overwrite)" : "new key each time";
        Console.WriteLine($"| {size / 1024} KiB | {pattern} | {perSecond:F0} | {mbPerSecond:F1} | {perBatch:F1} |");
        storeWrites.Add(new { size, pattern, commitsPerSecond = Math.Round(perSecond), mbPerSecond = Math.Round(mbPerSecond, 1), commitsPerBatch = Math.Round(perBatch, 1) });
    }
    var (putMb, getMb) = await MeasureLarge(64 * 1024 * 1024, rounds: 3);
    Console.WriteLine();
    Console.WriteLine("| FakeS3 store, one 64 MiB object | MB/s |");
    Console.WriteLine("|---|---:|");
    Console.WriteLine($"| write (one writer, committed) | {putMb:F0} |");
    Console.WriteLine($"| read back through the store | {getMb:F0} |");
    report["store"] = new { writes = storeWrites, largeWriteMbPerSecond = Math.Round(putMb), largeReadMbPerSecond = Math.Round(getMb) };
}

if (jsonPath is not null) File.WriteAllText(jsonPath, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));

(FakeS3Database Db, LiteDbBlobStore Blobs, LiteDbObjectStore Store) OpenStore()
{
    foreach (var f in new[] { dataPath, dataPath.Replace(".db", "-log.db") }) File.Delete(f);
    var db = new FakeS3Database(Options.Create(new FakeS3Options { DataPath = dataPath }));
    var blobs = new LiteDbBlobStore(db);
    var store = new LiteDbObjectStore(db, blobs);
    store.CreateBucket(new BucketRecord { Id = "ceiling", CreationDate = DateTime.UtcNow, Region = "us-east-1" });
    return (db, blobs, store);
}

void Close((FakeS3Database Db, LiteDbBlobStore Blobs, LiteDbObjectStore Store) s)
{
    s.Store.Dispose();
    s.Blobs.Dispose();
    s.Db.Dispose();
}

async Task<(double PerSecond, double MbPerSecond, double PerBatch)> Measure(int size, bool sameKey, TimeSpan duration)
{
    var s = OpenStore();
    var body = new byte[size];
    Random.Shared.NextBytes(body);
    long commits = 0;
    var stopwatch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
    {
        for (var i = 0; stopwatch.Elapsed < duration; i++)
        {
            using var blob = s.Store.OpenBlobWriter();
            blob.Write(body);
            var record = new ObjectRecord { Bucket = "ceiling", Key = sameKey ? $"w{w}" : $"w{w}/{i}", Size = size, ETag = "\"0\"", LastModified = DateTime.UtcNow };
            if (await s.Store.CommitAsync(record, blob) != StoreStatus.Ok) throw new InvalidOperationException("commit failed");
            Interlocked.Increment(ref commits);
        }
    })));
    var elapsed = stopwatch.Elapsed.TotalSeconds;
    // Through reflection: compare.sh runs this same tool against older stores (its before column), which lack it.
    var stats = s.Store.GetType().GetProperty("GroupCommitStats")?.GetValue(s.Store) is ValueTuple<long, long> t ? t : (0L, 0L);
    Close(s);
    return (commits / elapsed, commits * (double)size / elapsed / 1e6, stats.Item1 > 0 ? stats.Item2 / (double)stats.Item1 : 0);
}

// One 64 MiB object written in 64 KiB writes (as Kestrel hands a body over) and read back in 64 KiB reads.
async Task<(double WriteMb, double ReadMb)> MeasureLarge(int size, int rounds)
{
    var s = OpenStore();
    var piece = new byte[64 * 1024];
    Random.Shared.NextBytes(piece);
    var read = new byte[64 * 1024];
    double bestWrite = 0, bestRead = 0;
    for (var round = 0; round < rounds; round++)
    {
        var stopwatch = Stopwatch.StartNew();
        using (var blob = s.Store.OpenBlobWriter())
        {
            for (var written = 0; written < size; written += piece.Length) blob.Write(piece);
            var record = new ObjectRecord { Bucket = "ceiling", Key = "large", Size = size, ETag = "\"0\"", LastModified = DateTime.UtcNow };
            if (await s.Store.CommitAsync(record, blob) != StoreStatus.Ok) throw new InvalidOperationException("commit failed");
        }
        bestWrite = Math.Max(bestWrite, size / stopwatch.Elapsed.TotalSeconds / 1e6);
        var obj = s.Store.GetObject("ceiling", "large")!;
        stopwatch.Restart();
        long total = 0;
        // null only when the version was replaced meanwhile; nothing else writes this key here
        await using (var stream = s.Store.OpenRead(obj, 0, obj.Size) ?? throw new InvalidOperationException("object replaced"))
        {
            int n;
            while ((n = await stream.ReadAsync(read)) > 0) total += n;
        }
        if (total != size) throw new InvalidOperationException($"read {total} of {size} bytes");
        bestRead = Math.Max(bestRead, size / stopwatch.Elapsed.TotalSeconds / 1e6);
    }
    Close(s);
    return (bestWrite, bestRead);
}

int Arg(string name, int fallback) => ArgText(name) is { } v ? int.Parse(v) : fallback;

string? ArgText(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
