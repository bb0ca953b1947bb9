namespace FakeS3.Faults;

/// <summary>What the request log records for a request a fault rule hit: the rule and what it did.</summary>
public sealed record InjectedFault(string RuleId, string Effect)
{
    /// <summary>The connection was reset before any byte of an answer (the log then shows status 0).</summary>
    public bool NoResponse { get; init; }
}
