using FakeS3.Load.Cli;

namespace FakeS3.Load.Measurements;

/// <summary>
/// Workloads that are not one step in a loop: they seed, walk or combine phases and report their own table
/// (selected with --scenario like the scenarios).
/// </summary>
public static class MeasurementCatalog
{
    public static readonly IReadOnlyDictionary<string, Func<LoadOptions, TextWriter, TextWriter, CancellationToken, Task<int>>> All =
        new Dictionary<string, Func<LoadOptions, TextWriter, TextWriter, CancellationToken, Task<int>>>(StringComparer.Ordinal)
        {
            [ScaleMeasurement.Name] = ScaleMeasurement.RunAsync,
            [ReadUnderWriteMeasurement.Name] = ReadUnderWriteMeasurement.RunAsync,
        };
}
