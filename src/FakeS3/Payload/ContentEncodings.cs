namespace FakeS3.Payload;

/// <summary>
/// aws-chunked is transport framing, not a property of the object: remove the token wherever it appears
/// (.NET sends "gzip, aws-chunked", JS "gzip,aws-chunked", the doc puts it first) and store no
/// Content-Encoding when nothing remains (spec §5.1 [DOC][SDK]).
/// </summary>
internal static class ContentEncodings
{
    public const string AwsChunked = "aws-chunked";

    public static string? WithoutAwsChunked(string? contentEncoding)
    {
        if (string.IsNullOrWhiteSpace(contentEncoding)) return null;
        if (!contentEncoding.Contains(AwsChunked, StringComparison.OrdinalIgnoreCase)) return contentEncoding;
        var kept = new List<string>(2);
        foreach (var token in contentEncoding.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!token.Equals(AwsChunked, StringComparison.OrdinalIgnoreCase)) kept.Add(token);
        }
        return kept.Count == 0 ? null : string.Join(", ", kept);
    }
}
