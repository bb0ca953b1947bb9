using System.Text;
using System.Xml.Linq;
using FakeS3.Errors;

namespace FakeS3.Http.Objects;

/// <summary>Object tags: x-amz-tagging query form ("k1=v1&amp;k2=v2") with S3's limits.</summary>
internal static class TagSet
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
        // Tags given in the header form come back sorted by key (ordinal) [issue 12 item 11: observed with real
        // S3 by an independent suite]; the XML form keeps the order given [UNCONFIRMED].
        return tags.OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
    }

    /// <summary>&lt;Tagging&gt;&lt;TagSet&gt;&lt;Tag&gt;&lt;Key/&gt;&lt;Value/&gt;… (PutObjectTagging, the POST tagging field).</summary>
    public static Dictionary<string, string> ParseXml(string xml)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        var set = XmlBody.Root(xml, "Tagging").Children("TagSet").FirstOrDefault() ?? throw new S3Exception(S3Errors.MalformedXml());
        foreach (var tag in set.Children("Tag"))
        {
            var k = tag.ChildValue("Key");
            var v = tag.ChildValue("Value");
            if (k is null || v is null) throw new S3Exception(S3Errors.MalformedXml());
            if (!tags.TryAdd(k, v)) throw new S3Exception(S3Errors.InvalidTag("Cannot provide multiple Tags with the same key"));
        }
        Validate(tags);
        return tags;
    }

    public static string ToXml(IReadOnlyDictionary<string, string> tags)
    {
        var sb = new StringBuilder("<TagSet>");
        foreach (var (k, v) in tags)
            sb.Append("<Tag><Key>").Append(Http.Xml.Escape(k)).Append("</Key><Value>").Append(Http.Xml.Escape(v)).Append("</Value></Tag>");
        return sb.Append("</TagSet>").ToString();
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
