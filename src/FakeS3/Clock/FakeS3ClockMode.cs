namespace FakeS3.Clock;

/// <summary>How <see cref="FakeS3Clock"/> relates to real time.</summary>
public enum FakeS3ClockMode
{
    /// <summary>Real time (the default).</summary>
    Real,
    /// <summary>Real time plus an offset: the clock keeps ticking.</summary>
    Offset,
    /// <summary>Stopped at one instant until moved or reset.</summary>
    Frozen,
}
