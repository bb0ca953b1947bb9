namespace FakeS3.Clock;

/// <summary>
/// The one clock every time rule reads (presign expiry and not-yet-valid, header skew, policy expiration,
/// Last-Modified, If-Modified-Since). Real time until moved: <see cref="Advance"/> shifts it by an offset
/// that keeps ticking, <see cref="Set"/> freezes it at an instant (deterministic tests), <see cref="Reset"/>
/// returns to real time. Thread-safe: readers see one immutable snapshot; writers take a lock so two
/// concurrent Advance calls both count.
/// </summary>
public sealed class FakeS3Clock(TimeProvider? real = null) : TimeProvider
{
    readonly TimeProvider _real = real ?? System;
    readonly Lock _gate = new();
    volatile ClockState _state = ClockState.Real;

    /// <summary>Now, as every FakeS3 time rule sees it.</summary>
    public override DateTimeOffset GetUtcNow()
    {
        var s = _state;
        return s.FrozenAt ?? _real.GetUtcNow() + s.Offset;
    }

    /// <summary>Real, offset (moved but ticking) or frozen.</summary>
    public FakeS3ClockMode Mode => _state switch
    {
        { FrozenAt: not null } => FakeS3ClockMode.Frozen,
        { Offset.Ticks: not 0 } => FakeS3ClockMode.Offset,
        _ => FakeS3ClockMode.Real,
    };

    /// <summary>How far this clock is from real time now (positive: ahead).</summary>
    public TimeSpan Drift => GetUtcNow() - _real.GetUtcNow();

    /// <summary>Freezes the clock at <paramref name="time"/>; it stays there until moved or reset.</summary>
    public void Set(DateTimeOffset time)
    {
        lock (_gate) _state = new ClockState(TimeSpan.Zero, time.ToUniversalTime());
    }

    /// <summary>Moves the clock (negative goes back). A frozen clock stays frozen; a running one keeps running.</summary>
    public void Advance(TimeSpan delta)
    {
        lock (_gate)
        {
            var s = _state;
            _state = s.FrozenAt is { } f ? s with { FrozenAt = f + delta } : s with { Offset = s.Offset + delta };
        }
    }

    /// <summary>Back to real time.</summary>
    public void Reset()
    {
        lock (_gate) _state = ClockState.Real;
    }

    sealed record ClockState(TimeSpan Offset, DateTimeOffset? FrozenAt)
    {
        public static readonly ClockState Real = new(TimeSpan.Zero, null);
    }
}
