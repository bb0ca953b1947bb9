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
    public static XElement Root(string xml, string rootName)
    {
        XElement? root;
        try
        {
            root = XDocument.Parse(xml).Root;
        }
        catch (XmlException)
        {
            throw new S3Exception(S3Errors.MalformedXml());
        }
        return root is not null && root.Name.LocalName == rootName ? root : throw new S3Exception(S3Errors.MalformedXml());
    }

    public static XElement Root(byte[] body, string rootName) => Root(Encoding.UTF8.GetString(body), rootName);

    public static IEnumerable<XElement> Children(this XElement parent, string name) =>
        parent.Elements().Where(e => e.Name.LocalName == name);

    public static string? ChildValue(this XElement parent, string name) => parent.Children(name).FirstOrDefault()?.Value;
}
