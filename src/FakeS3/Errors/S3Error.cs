namespace FakeS3.Errors;

/// <summary>
/// One S3 error: code, AWS's exact message and the extra elements in the order S3 writes them.
/// Instances come only from the <see cref="S3Errors"/> factories, so handlers never write message text.
/// </summary>
internal sealed class S3Error
{
    internal S3Error(S3ErrorCode code, string message, params (string Name, string Value)[] details)
    {
        Code = code;
        Message = message;
        Details = details;
    }

    public S3ErrorCode Code { get; }
    public string Message { get; }
    public IReadOnlyList<(string Name, string Value)> Details { get; }
    public int Status => S3ErrorStatus.Of(Code);

    /// <summary>Headers S3 adds to this error response (e.g. Allow on 405). Rendered by the writer.</summary>
    public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];

    /// <summary>
    /// A person-readable reason (which check failed and why). Never rendered into the XML; it goes to the
    /// request log and, when configured, to the x-fakes3-explanation header.
    /// </summary>
    public string? Explanation { get; init; }

    public S3Error WithExplanation(string explanation) =>
        new(Code, Message, [.. Details]) { Headers = Headers, Explanation = explanation };

    public string? Detail(string name)
    {
        foreach (var (n, v) in Details)
        {
            if (n == name) return v;
        }
        return null;
    }

    public override string ToString() => $"{Code}: {Message}";
}
