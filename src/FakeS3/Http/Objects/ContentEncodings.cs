namespace FakeS3.Http.Objects;

/// <summary>
/// The stored Content-Encoding drops the aws-chunked token wherever it appears (.NET sends "gzip, aws-chunked",
/// JS "gzip,aws-chunked"); if nothing remains the object has no Content-Encoding [DOC][SDK spec §5.1].
/// </summary>
public static class ContentEncodings
{
    public static string? WithoutAwsChunked(string? value)
    {
        if (value is null) return null;
        var kept = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(t => !t.Equals("aws-chunked", StringComparison.OrdinalIgnoreCase)).ToArray();
        return kept.Length == 0 ? null : string.Join(",", kept);
    }
}
