namespace FakeS3.Storage;

/// <summary>Thrown inside a commit's transaction: rolls it back, and the commit answers <see cref="Status"/>.</summary>
internal sealed class CommitRefusedException(StoreStatus status) : Exception
{
    public StoreStatus Status { get; } = status;
}
