namespace FakeS3.Load.Simulation;

/// <summary>Result of reading back objects the run wrote.</summary>
public sealed record IntegrityResult(int Checked, int Corrupted, IReadOnlyList<string> Details)
{
    public static IntegrityResult NotChecked { get; } = new(0, 0, []);
}
