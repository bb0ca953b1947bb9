namespace FakeS3.Admin;

/// <summary>What a URL or a POST policy grants, and whether FakeS3 would accept it now (and why not).</summary>
internal sealed record ExplainResult(string Kind)
{
    public string? Method { get; init; }
    public string? Bucket { get; init; }
    public string? Key { get; init; }
    public string? KeyPrefix { get; init; }
    public string? AccessKeyId { get; init; }
    public string? Region { get; init; }
    public DateTimeOffset? SignedAt { get; init; }
    public DateTimeOffset? Expires { get; init; }
    public double? SecondsLeft { get; init; }
    public IReadOnlyList<string>? SignedHeaders { get; init; }
    public IReadOnlyList<object>? Conditions { get; init; }
    public required bool Accepted { get; init; }
    public string? ErrorCode { get; init; }
    public string? Reason { get; init; }
    public DateTimeOffset ServerTime { get; init; }
}
