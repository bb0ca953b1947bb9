using System.Globalization;
using System.Text;
using System.Xml.Linq;
using FakeS3.Errors;
using FakeS3.Http;

namespace FakeS3.Cors;

/// <summary>A bucket's CORS rules: parsed from the PutBucketCors body and rendered for GetBucketCors.</summary>
internal sealed record CorsConfiguration(IReadOnlyList<CorsRule> Rules)
{
    const string S3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";
    static readonly string[] SupportedMethods = ["GET", "PUT", "POST", "DELETE", "HEAD"];

    /// <summary>Throws <see cref="S3Exception"/>: MalformedXML for garbage or a rule without origin/method; InvalidRequest for an unknown method [REC] or an origin with two wildcards [WIRE].</summary>
    public static CorsConfiguration Parse(string xml)
    {
        var root = XmlBody.Load(xml).Root!;
        if (root.Name.LocalName != "CORSConfiguration") throw new S3Exception(S3Errors.MalformedXml());
        var rules = new List<CorsRule>();
        foreach (var element in root.Elements())
        {
            if (element.Name.LocalName != "CORSRule") throw new S3Exception(S3Errors.MalformedXml());
            rules.Add(ParseRule(element));
        }
        if (rules.Count == 0) throw new S3Exception(S3Errors.MalformedXml());
        return new CorsConfiguration(rules);
    }

    static CorsRule ParseRule(XElement rule)
    {
        List<string> Values(string name) => [.. rule.Elements().Where(e => e.Name.LocalName == name).Select(e => e.Value.Trim())];
        var origins = Values("AllowedOrigin");
        var methods = Values("AllowedMethod");
        if (origins.Count == 0 || methods.Count == 0) throw new S3Exception(S3Errors.MalformedXml());
        if (origins.FirstOrDefault(Wildcard.HasSeveral) is { } origin) throw new S3Exception(S3Errors.CorsOriginTooManyWildcards(origin));
        foreach (var method in methods)
        {
            if (!SupportedMethods.Contains(method, StringComparer.Ordinal)) throw new S3Exception(S3Errors.CorsUnsupportedMethod(method));
        }
        int? maxAge = null;
        if (Values("MaxAgeSeconds") is [var text, ..])
        {
            maxAge = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? seconds : throw new S3Exception(S3Errors.MalformedXml());
        }
        var id = Values("ID") is [var first, ..] ? first : null;
        return new CorsRule(origins, methods, Values("AllowedHeader"), Values("ExposeHeader"), maxAge, id);
    }

    /// <summary>
    /// GetBucketCors body. Element order follows the API reference's CORSRule shape (ID, AllowedHeader,
    /// AllowedMethod, AllowedOrigin, ExposeHeader, MaxAgeSeconds) [UNCONFIRMED against a capture].
    /// </summary>
    public string Render()
    {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CORSConfiguration xmlns=\"")
            .Append(S3Namespace).Append("\">");
        foreach (var rule in Rules)
        {
            sb.Append("<CORSRule>");
            if (rule.Id is { } id) Element(sb, "ID", id);
            foreach (var v in rule.AllowedHeaders) Element(sb, "AllowedHeader", v);
            foreach (var v in rule.AllowedMethods) Element(sb, "AllowedMethod", v);
            foreach (var v in rule.AllowedOrigins) Element(sb, "AllowedOrigin", v);
            foreach (var v in rule.ExposeHeaders) Element(sb, "ExposeHeader", v);
            if (rule.MaxAgeSeconds is { } maxAge) Element(sb, "MaxAgeSeconds", maxAge.ToString(CultureInfo.InvariantCulture));
            sb.Append("</CORSRule>");
        }
        return sb.Append("</CORSConfiguration>").ToString();
    }

    static void Element(StringBuilder sb, string name, string value)
    {
        sb.Append('<').Append(name).Append('>');
        Xml.Escape(sb, value);
        sb.Append("</").Append(name).Append('>');
    }
}
