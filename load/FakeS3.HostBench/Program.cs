// Measures what a test pays for a fresh in-process FakeS3: FakeS3Host.StartAsync + the first S3 request
// (an SDK PutBucket, so signing, routing and LiteDB are all on the path) + dispose excluded.
// Usage: dotnet run -c Release --project load/FakeS3.HostBench [-- --runs 100 --kestrel]
using System.Diagnostics;
using System.Globalization;
using FakeS3.Testing;

var runs = args.SkipWhile(a => a != "--runs").Skip(1).Select(int.Parse).FirstOrDefault(100);
var kestrel = args.Contains("--kestrel");

await Once(); // warm-up: JIT and first-load costs are paid once per test process, not per test
var samples = new List<double>(runs);
for (var i = 0; i < runs; i++) samples.Add(await Once());
samples.Sort();
double P(double q) => samples[(int)Math.Min(samples.Count - 1, Math.Floor(q * samples.Count))];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"FakeS3Host ({(kestrel ? "Kestrel" : "TestServer")}) start + first request, {runs} runs: median {P(0.5):0.0} ms, p90 {P(0.9):0.0} ms, min {samples[0]:0.0} ms, max {samples[^1]:0.0} ms"));

async Task<double> Once()
{
    var sw = Stopwatch.StartNew();
    var host = await FakeS3Host.StartAsync(useKestrel: kestrel);
    using (var s3 = host.CreateS3Client()) await s3.PutBucketAsync("bench");
    var elapsed = sw.Elapsed.TotalMilliseconds;
    await host.DisposeAsync();
    return elapsed;
}
