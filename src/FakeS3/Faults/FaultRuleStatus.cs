namespace FakeS3.Faults;

/// <summary>A rule in force and its counters: requests it matched, faults it injected.</summary>
public sealed record FaultRuleStatus(FaultRule Rule, long Matched, long Hits)
{
    /// <summary>A "next N" rule that has injected its N faults; it stays listed until removed.</summary>
    public bool Exhausted => Rule.Times is { } times && Hits >= times;
}
