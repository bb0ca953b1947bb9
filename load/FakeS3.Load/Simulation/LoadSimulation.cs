namespace FakeS3.Load.Simulation;

/// <summary>
/// How requests are injected, after NBomber's <c>LoadSimulation</c>: a fixed number of copies that run the
/// step in a loop (<see cref="KeepConstant"/>), stopping after a duration and/or a request count, optionally
/// paced to a target rate (<see cref="Inject"/>), after a warm-up whose results are discarded.
/// </summary>
public sealed record LoadSimulation(int Copies, TimeSpan? During, long? Requests, double TargetRate, TimeSpan WarmUp)
{
    public static LoadSimulation KeepConstant(int copies, TimeSpan during, TimeSpan warmUp = default) =>
        new(copies, during, null, 0, warmUp);

    public static LoadSimulation IterationsForConstant(int copies, long iterations, TimeSpan warmUp = default) =>
        new(copies, null, iterations, 0, warmUp);

    /// <summary>Paced: <paramref name="rate"/> requests per second spread over at most <paramref name="copies"/> in flight.</summary>
    public static LoadSimulation Inject(double rate, int copies, TimeSpan during, TimeSpan warmUp = default) =>
        new(copies, during, null, rate, warmUp);

    public string Describe()
    {
        var parts = new List<string> { $"{Copies} copies" };
        if (During is { } d) parts.Add($"for {d.TotalSeconds:0.##} s");
        if (Requests is { } n) parts.Add($"up to {n} requests");
        parts.Add(TargetRate > 0 ? $"paced at {TargetRate:0.##} req/s" : "unpaced");
        if (WarmUp > TimeSpan.Zero) parts.Add($"after {WarmUp.TotalSeconds:0.##} s warm-up");
        return string.Join(", ", parts);
    }
}
