namespace FakeS3.Faults;

/// <summary>A rule added through <see cref="FaultInjector.Add"/>. Dispose removes it (counters stay readable).</summary>
public sealed class FaultHandle : IDisposable
{
    readonly FaultInjector _owner;
    readonly ActiveFaultRule _rule;

    internal FaultHandle(FaultInjector owner, ActiveFaultRule rule)
    {
        _owner = owner;
        _rule = rule;
    }

    /// <summary>The rule's id (as in GET /_fakes3/faults).</summary>
    public string Id => _rule.Id;

    /// <summary>Requests that matched the rule's filters.</summary>
    public long Matched => _rule.Matched;

    /// <summary>Faults injected so far.</summary>
    public long Hits => _rule.Hits;

    /// <summary>Removes this rule (not a later one that reuses its Id); does nothing when it is gone already.</summary>
    public void Dispose() => _owner.Remove(_rule);
}
