using FakeS3.Errors;

namespace FakeS3.Http.Objects;

/// <summary>Object tags: x-amz-tagging query form ("k1=v1&amp;k2=v2") with S3's limits.</summary>
public static class TagSet
{
    public const int MaxTags = 10;
    public const int MaxKeyLength = 128;
    public const int MaxValueLength = 256;

    public static Dictionary<string, string> ParseQueryForm(string value)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in value.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var k = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' '));
            var v = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            if (!tags.TryAdd(k, v))
                throw new S3Exception(S3Errors.InvalidArgument("Cannot provide multiple Tags with the same key", "x-amz-tagging", value));
        }
        Validate(tags);
        return tags;
    }

    public static void Validate(IReadOnlyDictionary<string, string> tags)
    {
        if (tags.Count > MaxTags) throw new S3Exception(S3Errors.InvalidTag("Object tags cannot be greater than 10"));
        foreach (var (k, v) in tags)
        {
            if (k.Length == 0 || k.Length > MaxKeyLength) throw new S3Exception(S3Errors.InvalidTag("The TagKey you have provided is invalid"));
            if (v.Length > MaxValueLength) throw new S3Exception(S3Errors.InvalidTag("The TagValue you have provided is invalid"));
        }
    }
}
