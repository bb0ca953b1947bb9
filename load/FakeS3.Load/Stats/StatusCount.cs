namespace FakeS3.Load.Stats;

/// <summary>How many responses had this status and S3 error code (status 0: no HTTP response).</summary>
public sealed record StatusCount(int Status, string Code, long Count);
