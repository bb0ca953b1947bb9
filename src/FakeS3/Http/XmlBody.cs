using System.Text;
using System.Xml;
using System.Xml.Linq;
using FakeS3.Errors;

namespace FakeS3.Http;

/// <summary>
/// Request XML bodies (CreateBucket, DeleteObjects, CompleteMultipartUpload, tagging): the root element by its
/// local name (clients send it with or without S3's namespace); anything else is MalformedXML, as S3 answers.
/// </summary>
internal static class XmlBody
{
    // S3's request documents are a few elements deep (AccessControlPolicy/AccessControlList/Grant/Grantee/ID).
    const int MaxDepth = 32;

    public static XElement Root(string xml, string rootName)
    {
        var root = Load(xml).Root;
        return root is not null && root.Name.LocalName == rootName ? root : throw new S3Exception(S3Errors.MalformedXml());
    }

    /// <summary>
    /// Parses a request body: no DTD (FakeS3's choice: no entity expansion or external references; S3's documents
    /// never carry one), whitespace kept (a key of spaces stays spaces) and nesting deeper than S3's schemas is
    /// MalformedXML — XDocument builds deep trees in quadratic time (100,000 levels in a 700 KB body: a minute of CPU).
    /// </summary>
    public static XDocument Load(string xml)
    {
        try
        {
            using (var scan = CreateReader(xml))
            {
                while (scan.Read())
                    if (scan.Depth > MaxDepth) throw new S3Exception(S3Errors.MalformedXml());
            }
            using var reader = CreateReader(xml);
            return XDocument.Load(reader);
        }
        catch (XmlException)
        {
            throw new S3Exception(S3Errors.MalformedXml());
        }
    }

    static XmlReader CreateReader(string xml) =>
        XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });

    public static XElement Root(byte[] body, string rootName) => Root(Text(body), rootName);

    /// <summary>
    /// A request body as text: bytes that are not UTF-8 are MalformedXML. Read leniently, &lt;Key&gt;0xFF&lt;/Key&gt; in
    /// DeleteObjects deleted the key "\uFFFD", another object.
    /// </summary>
    public static string Text(byte[] body) => System.Text.Unicode.Utf8.IsValid(body)
        ? Encoding.UTF8.GetString(body)
        : throw new S3Exception(S3Errors.MalformedXml().WithExplanation("The XML body is not UTF-8 text."));

    public static IEnumerable<XElement> Children(this XElement parent, string name) =>
        parent.Elements().Where(e => e.Name.LocalName == name);

    public static string? ChildValue(this XElement parent, string name) => parent.Children(name).FirstOrDefault()?.Value;
}
