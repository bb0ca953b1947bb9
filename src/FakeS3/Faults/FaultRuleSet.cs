namespace FakeS3.Faults;

/// <summary>An immutable snapshot of the rules in force; requests read it once and keep it.</summary>
internal sealed class FaultRuleSet
{
    readonly ActiveFaultRule[] _rules;

    internal FaultRuleSet(ActiveFaultRule[] rules) => _rules = rules;

    /// <summary>The first rule (in the order they were added) that matches and fires for this request, or null.</summary>
    internal ActiveFaultRule? Select(in FaultRequest request, FaultStage stage)
    {
        foreach (var rule in _rules)
        {
            if (rule.Stage == stage && rule.Matches(request) && rule.TryFire()) return rule;
        }
        return null;
    }
}
