using System.Xml.Linq;

namespace FakeS3.Conformance.Assertions;

/// <summary>A parsed S3 &lt;Error&gt; document: Code, Message, the extra elements in wire order, RequestId, HostId.</summary>
public sealed record S3ErrorResponse(string Code, string? Message, IReadOnlyList<KeyValuePair<string, string>> Details, string? RequestId, string? HostId)
{
    /// <summary>Names of all child elements in the order they were sent.</summary>
    public IReadOnlyList<string> ElementOrder { get; init; } = [];

    public static S3ErrorResponse? TryParse(string body)
    {
        if (string.IsNullOrWhiteSpace(body) || !body.Contains("<Error", StringComparison.Ordinal)) return null;
        XElement root;
        try { root = XDocument.Parse(body, LoadOptions.PreserveWhitespace).Root!; }
        catch (System.Xml.XmlException) { return null; }
        if (root.Name.LocalName != "Error") return null;
        string? Get(string n) => root.Elements().FirstOrDefault(e => e.Name.LocalName == n)?.Value;
        var details = root.Elements()
            .Where(e => e.Name.LocalName is not ("Code" or "Message" or "RequestId" or "HostId"))
            .Select(e => new KeyValuePair<string, string>(e.Name.LocalName, e.Value))
            .ToList();
        return new S3ErrorResponse(Get("Code") ?? "", Get("Message"), details, Get("RequestId"), Get("HostId"))
        {
            ElementOrder = root.Elements().Select(e => e.Name.LocalName).ToList(),
        };
    }
}
