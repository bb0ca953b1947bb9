using FakeS3.Hosting;
using Microsoft.Extensions.Options;

namespace FakeS3.Faults;

/// <summary>
/// The fault rules in force, from all three sources: FakeS3:Faults at start, the admin API and
/// <c>host.Faults</c>. Thread-safe; requests read an immutable snapshot, so adding or removing a rule never
/// disturbs a request in flight.
/// </summary>
public sealed class FaultInjector
{
    readonly Lock _gate = new();
    readonly List<ActiveFaultRule> _rules = [];
    volatile FaultRuleSet? _current;
    int _lastId;

    /// <summary>Created by AddFakeS3 with the rules of FakeS3:Faults.</summary>
    public FaultInjector(IOptions<FakeS3Options> options)
    {
        // Already validated at start (FakeS3OptionsValidator), so these cannot fail.
        foreach (var rule in options.Value.Faults) Add(rule);
    }

    /// <summary>Null while no rule exists: the whole cost of fault injection for a request is then this one volatile read.</summary>
    internal FaultRuleSet? Current => _current;

    /// <summary>Adds a rule (a copy: later changes to <paramref name="rule"/> do nothing). Throws ArgumentException when it is invalid.</summary>
    public FaultHandle Add(FaultRule rule) =>
        TryAdd(rule, out var handle, out var problems) ? handle! : throw new ArgumentException("Invalid fault rule: " + string.Join(" ", problems), nameof(rule));

    /// <summary>Adds a rule, or says what is wrong with it.</summary>
    public bool TryAdd(FaultRule rule, out FaultHandle? handle, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(rule);
        handle = null;
        var copy = rule.Clone();
        problems = FaultRuleValidator.Validate(copy);
        if (problems.Count > 0) return false;
        Normalise(copy);
        lock (_gate)
        {
            if (copy.Id is { } id && _rules.Exists(r => r.Id == id))
            {
                problems = [$"Id '{id}' is taken: delete that rule first, or choose another Id."];
                return false;
            }
            copy.Id ??= NextId();
            var active = new ActiveFaultRule(copy);
            _rules.Add(active);
            Publish();
            handle = new FaultHandle(this, active);
            return true;
        }
    }

    /// <summary>Removes the rule with this id; false when there is none.</summary>
    public bool Remove(string id) => Remove(r => r.Id == id);

    internal bool Remove(ActiveFaultRule rule) => Remove(r => ReferenceEquals(r, rule));

    bool Remove(Predicate<ActiveFaultRule> which)
    {
        lock (_gate)
        {
            if (_rules.RemoveAll(which) == 0) return false;
            Publish();
            return true;
        }
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
            Publish();
        }
    }

    /// <summary>Every rule in force with its counters, in the order they are checked.</summary>
    public IReadOnlyList<FaultRuleStatus> List()
    {
        lock (_gate) return _rules.ConvertAll(Status);
    }

    /// <summary>The rule with this id and its counts, or null.</summary>
    public FaultRuleStatus? Find(string id)
    {
        lock (_gate) return _rules.Find(r => r.Id == id) is { } rule ? Status(rule) : null;
    }

    static FaultRuleStatus Status(ActiveFaultRule rule) => new(rule.Definition.Clone(), rule.Matched, rule.Hits);

    void Publish() => _current = _rules.Count == 0 ? null : new FaultRuleSet([.. _rules]);

    string NextId()
    {
        string id;
        do id = "f" + ++_lastId;
        while (_rules.Exists(r => r.Id == id));
        return id;
    }

    /// <summary>Canonical spelling in listings: PutObject, SlowDown, GET.</summary>
    static void Normalise(FaultRule rule)
    {
        if (rule.Operation is { } op) rule.Operation = FaultRuleValidator.ParseOperation(op)!.Value.ToString();
        if (rule.Error is { } error) rule.Error = FaultErrors.Names.First(n => n.Equals(error, StringComparison.OrdinalIgnoreCase));
        rule.Method = rule.Method?.ToUpperInvariant();
    }
}
