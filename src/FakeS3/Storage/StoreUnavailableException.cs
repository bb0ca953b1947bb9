namespace FakeS3.Storage;

/// <summary>
/// The database could not be reopened after an engine error (a full disk, a file it cannot open); it is retried
/// with backoff. The HTTP edge answers 503 so clients retry; the message names the data file and the cause.
/// </summary>
public sealed class StoreUnavailableException(string message, bool diskFull, Exception? inner = null) : Exception(message, inner)
{
    public bool DiskFull { get; } = diskFull;
}
