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
    /// <summary>
    /// The clock stays within these bounds: SigV2 Expires are Unix seconds (nothing before 1970), and dates are
    /// written with four-digit years after adding up to a week of presign lifetime (a year of headroom before 9999).
    /// </summary>
    public static readonly DateTimeOffset Earliest = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The latest instant the clock can be set or advanced to.</summary>
    public static readonly DateTimeOffset Latest = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    static readonly string RangeMessage = $"The clock must stay between {Earliest:O} and {Latest:O}.";

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
    /// <exception cref="ArgumentOutOfRangeException">outside [<see cref="Earliest"/>, <see cref="Latest"/>)</exception>
    public void Set(DateTimeOffset time)
    {
        EnsureInRange(time);
        lock (_gate) _state = new ClockState(TimeSpan.Zero, time.ToUniversalTime());
    }

    /// <summary>Moves the clock (negative goes back). A frozen clock stays frozen; a running one keeps running.</summary>
    /// <exception cref="ArgumentOutOfRangeException">the clock would leave [<see cref="Earliest"/>, <see cref="Latest"/>)</exception>
    public void Advance(TimeSpan delta)
    {
        lock (_gate)
        {
            var s = _state;
            var now = s.FrozenAt ?? _real.GetUtcNow() + s.Offset;
            if (delta >= Latest - now || delta < Earliest - now)
                throw new ArgumentOutOfRangeException(nameof(delta), delta, RangeMessage);
            _state = s.FrozenAt is { } f ? s with { FrozenAt = f + delta } : s with { Offset = s.Offset + delta };
        }
    }

    static void EnsureInRange(DateTimeOffset time)
    {
        if (time < Earliest || time >= Latest)
            throw new ArgumentOutOfRangeException(nameof(time), time, RangeMessage);
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
