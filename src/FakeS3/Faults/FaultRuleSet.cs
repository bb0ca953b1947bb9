using FakeS3.Http;

namespace FakeS3.Faults;

/// <summary>An immutable snapshot of the rules in force, split by stage; requests read it once and keep it.</summary>
internal sealed class FaultRuleSet(ActiveFaultRule[] rules)
{
    readonly ActiveFaultRule[] _beforeAuthentication = [.. rules.Where(r => r.Stage == FaultStage.BeforeAuthentication)];
    readonly ActiveFaultRule[] _afterAuthentication = [.. rules.Where(r => r.Stage == FaultStage.AfterAuthentication)];

    /// <summary>The first rule (in the order they were added) that matches and fires for this request, or null.</summary>
    public ActiveFaultRule? Select(S3RequestContext ctx, FaultStage stage, string? key)
    {
        var candidates = stage == FaultStage.BeforeAuthentication ? _beforeAuthentication : _afterAuthentication;
        if (candidates.Length == 0) return null;
        var request = new FaultRequest(ctx, stage, key);
        foreach (var rule in candidates)
        {
            if (rule.Matches(request) && rule.TryFire()) return rule;
        }
        return null;
    }
}
