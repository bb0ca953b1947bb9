using System.Globalization;
using FakeS3.Http;

namespace FakeS3.Faults;

/// <summary>A validated rule in force: its match, its frequency counters and a description for the log.</summary>
internal sealed class ActiveFaultRule
{
    readonly Lock _gate = new();
    readonly Random? _random;
    readonly S3Operation? _operation;
    long _matched;
    long _hits;

    /// <param name="definition">Validated, normalised and owned by this rule (never mutated afterwards).</param>
    public ActiveFaultRule(FaultRule definition)
    {
        Definition = definition;
        _operation = definition.Operation is { } op ? FaultRuleValidator.ParseOperation(op) : null;
        Stage = definition.BeforeAuthentication ? FaultStage.BeforeAuthentication : FaultStage.AfterAuthentication;
        if (definition.Probability is not null) _random = definition.Seed is { } seed ? new Random(seed) : new Random();
        Effect = Describe(definition);
    }

    public FaultRule Definition { get; }
    public string Id => Definition.Id!;
    public FaultStage Stage { get; }
    public string Effect { get; }
    public long Matched => Interlocked.Read(ref _matched);
    public long Hits => Interlocked.Read(ref _hits);

    public bool Matches(in FaultRequest r)
    {
        var d = Definition;
        if (_operation is { } op && r.Operation != op) return false;
        if (d.Method is { } m && !string.Equals(r.Method, m, StringComparison.OrdinalIgnoreCase)) return false;
        if (d.Bucket is { } b && !string.Equals(r.Bucket, b, StringComparison.Ordinal)) return false;
        if (d.KeyPrefix is { } p && (r.Key is null || !r.Key.StartsWith(p, StringComparison.Ordinal))) return false;
        if (d.Auth != FaultAuth.Any && r.Auth() != d.Auth) return false;
        // Only reads are cut mid-body: a write would be stored behind the failure.
        return d.ResetAfterBytes is null || string.Equals(r.Method, "GET", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Counts a matching request and decides whether this one fails (next N, every Kth, probability).</summary>
    public bool TryFire()
    {
        var d = Definition;
        lock (_gate)
        {
            _matched++;
            if (d.Times is { } times && _hits >= times) return false;
            if (d.Every is { } k && _matched % k != 0) return false;
            if (d.Probability is { } p && _random!.NextDouble() >= p) return false;
            _hits++;
            return true;
        }
    }

    static string Describe(FaultRule d)
    {
        var parts = new List<string>();
        if (d.LatencyMs is { } ms) parts.Add($"latency {ms} ms");
        if (d.Error is { } e) parts.Add(d.ErrorAfterBody ? $"body read, then {e}" : e);
        if (d.ResetConnection) parts.Add("connection reset before the answer");
        if (d.BytesPerSecond is { } bps) parts.Add($"body at {bps} bytes/s");
        if (d.ResetAfterBytes is { } n) parts.Add(string.Create(CultureInfo.InvariantCulture, $"connection reset after {n} body bytes"));
        return string.Join(", ", parts);
    }
}
