namespace FakeS3.Load.Stats;

/// <summary>Requests per operation (a mixed or must-reject run has several).</summary>
public sealed record OperationCount(string Operation, long Count);
