namespace FakeS3.Load.Simulation;

/// <summary>What one request did. <see cref="ErrorCode"/> is the S3 <c>&lt;Code&gt;</c> (or a transport error name).</summary>
public readonly record struct StepResult(
    StepOutcome Outcome,
    int StatusCode,
    string? ErrorCode,
    long BytesSent,
    long BytesReceived,
    string Operation)
{
    public bool IsSuccess => Outcome is StepOutcome.Ok or StepOutcome.Rejected;

    public static StepResult Ok(string operation, int status, long sent, long received) =>
        new(StepOutcome.Ok, status, null, sent, received, operation);

    public static StepResult Fail(string operation, int status, string? code, long sent = 0, long received = 0) =>
        new(StepOutcome.Failed, status, code, sent, received, operation);
}
