using System.Diagnostics;
using FakeS3.Hosting;
using FakeS3.Storage;
using Microsoft.Extensions.Options;

// The write ceiling of FakeS3's storage layer on this machine, with no HTTP at all: concurrent writers commit
// objects straight into LiteDbObjectStore (chunked blob, group commit, replaced versions freed), as a PUT or a
// POST does after its body is verified. Compare with what the ratio targets need (docs/benchmarks.md).
//   dotnet run -c Release --project load/FakeS3.StorageCeiling -- [--seconds 10] [--writers 16] [--data /tmp/x.db]
var seconds = Arg("--seconds", 10);
var writers = Arg("--writers", 16);
var dataPath = ArgText("--data") ?? Path.Combine(Path.GetTempPath(), $"fakes3-ceiling-{Environment.ProcessId}.db");

Console.WriteLine($"FakeS3 storage write ceiling: {writers} writers, {seconds} s per size, LiteDB file {dataPath}");
await Measure(4 * 1024, sameKey: true, TimeSpan.FromSeconds(2)); // warm-up (JIT), not reported
Console.WriteLine("| object size | key pattern | commits/s | MB/s |");
Console.WriteLine("|---:|---|---:|---:|");
foreach (var (size, sameKey) in new[] { (4 * 1024, true), (4 * 1024, false), (64 * 1024, true), (64 * 1024, false) })
{
    var (perSecond, mbPerSecond) = await Measure(size, sameKey, TimeSpan.FromSeconds(seconds));
    Console.WriteLine($"| {size / 1024} KiB | {(sameKey ? "one key per writer (overwrite)" : "new key each time")} | {perSecond:F0} | {mbPerSecond:F1} |");
}

async Task<(double PerSecond, double MbPerSecond)> Measure(int size, bool sameKey, TimeSpan until)
{
    foreach (var f in new[] { dataPath, dataPath.Replace(".db", "-log.db") }) File.Delete(f);
    var options = Options.Create(new FakeS3Options { DataPath = dataPath });
    using var db = new FakeS3Database(options);
    using var blobs = new LiteDbBlobStore(db);
    using var store = new LiteDbObjectStore(db, blobs);
    store.CreateBucket(new BucketRecord { Id = "ceiling", CreationDate = DateTime.UtcNow, Region = "us-east-1" });
    var body = new byte[size];
    Random.Shared.NextBytes(body);
    long commits = 0;
    var stopwatch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
    {
        for (var i = 0; stopwatch.Elapsed < until; i++)
        {
            using var blob = store.OpenBlobWriter();
            blob.Write(body);
            var record = new ObjectRecord { Bucket = "ceiling", Key = sameKey ? $"w{w}" : $"w{w}/{i}", Size = size, ETag = "\"0\"", LastModified = DateTime.UtcNow };
            if (await store.CommitAsync(record, blob) != StoreStatus.Ok) throw new InvalidOperationException("commit failed");
            Interlocked.Increment(ref commits);
        }
    })));
    var elapsed = stopwatch.Elapsed.TotalSeconds;
    return (commits / elapsed, commits * (double)size / elapsed / 1e6);
}

int Arg(string name, int fallback) => ArgText(name) is { } v ? int.Parse(v) : fallback;

string? ArgText(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
