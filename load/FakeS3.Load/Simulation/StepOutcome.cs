namespace FakeS3.Load.Simulation;

public enum StepOutcome
{
    /// <summary>The server did what was asked and the data matched.</summary>
    Ok,
    /// <summary>Must-reject workload: the server refused with 400 or 403, as it should.</summary>
    Rejected,
    /// <summary>A non-2xx status (or a transport error, status 0) where success was expected.</summary>
    Failed,
    /// <summary>2xx, but the bytes (or the ETag) did not match what was sent.</summary>
    Corrupted,
    /// <summary>Must-reject workload: the server accepted a request it must refuse.</summary>
    Accepted,
}
