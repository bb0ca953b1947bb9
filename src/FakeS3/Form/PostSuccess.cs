using System.Text;
using FakeS3.Http;
using FakeS3.Policy;

namespace FakeS3.Form;

/// <summary>The success answer of POST Object (spec §3.4). Pure: the endpoint passes what it knows.</summary>
public static class PostSuccess
{
    /// <param name="form">the fields after ${filename} substitution</param>
    /// <param name="scheme">"http" or "https", as the request came in</param>
    /// <param name="host">the Host header as received (with its port)</param>
    /// <param name="pathStyle">true when the bucket is in the path, so the object URL needs /bucket</param>
    /// <param name="eTag">quoted hex MD5 of the file content</param>
    public static PostSuccessResult Build(PostForm form, string scheme, string host, bool pathStyle, string bucket,
        string key, string eTag)
    {
        var objectUrl = $"{scheme}://{host}/{(pathStyle ? bucket + "/" : "")}{UriEncode(key)}";
        // success_action_redirect wins over the deprecated redirect alias [DOC].
        var redirect = form.Get("success_action_redirect") ?? form.Get("redirect");
        if (IsAbsoluteHttpUrl(redirect))
        {
            var separator = redirect!.Contains('?') ? "&" : "?";
            var location = $"{AsciiOnly(redirect)}{separator}bucket={FormEncode(bucket)}&key={FormEncode(key)}&etag={FormEncode(eTag)}";
            return new PostSuccessResult(303, location, eTag, null); // [2ND: two real captures]
        }
        return form.Get("success_action_status") switch
        {
            "200" => new PostSuccessResult(200, objectUrl, eTag, null),
            "201" => new PostSuccessResult(201, objectUrl, eTag, Xml201(objectUrl, bucket, key, eTag)),
            // 204, absent, or anything else (e.g. 404) [DOC][REC][2ND]
            _ => new PostSuccessResult(204, objectUrl, eTag, null),
        };
    }

    /// <summary>
    /// A relative or otherwise uninterpretable URL is ignored [DOC][REC]. (On Unix "/x" parses as file://.) A URL with
    /// control characters (CR/LF from a form field) is uninterpretable too: it cannot be a Location header.
    /// </summary>
    static bool IsAbsoluteHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !url.Any(char.IsControl);

    /// <summary>
    /// Non-ASCII characters of the form's URL as %XX of their UTF-8 bytes, as a browser does when it follows the link;
    /// raw, the Location header carried '?' for each (S3's own spelling is UNCONFIRMED).
    /// </summary>
    static string AsciiOnly(string url) => url.All(char.IsAscii) ? url : Encode(url, c => c <= '~', spaceAsPlus: false);

    /// <summary>No namespace; Location percent-encodes the key including '/'; Key raw; ETag quoted [REC][2ND].</summary>
    static string Xml201(string location, string bucket, string key, string eTag)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PostResponse>");
        Element(sb, "Location", location);
        Element(sb, "Bucket", bucket);
        Element(sb, "Key", key);
        Element(sb, "ETag", eTag);
        return sb.Append("</PostResponse>").ToString();
    }

    static void Element(StringBuilder sb, string name, string value)
    {
        sb.Append('<').Append(name).Append('>');
        Xml.Escape(sb, value);
        sb.Append("</").Append(name).Append('>');
    }

    /// <summary>RFC 3986 unreserved kept, everything else %XX (upper hex) of the UTF-8 bytes, '/' included.</summary>
    static string UriEncode(string value) => Encode(value, c => c is '-' or '_' or '.' or '~', spaceAsPlus: false);

    /// <summary>
    /// application/x-www-form-urlencoded as Java's URLEncoder writes it (S3 is Java): keeps . - * _, space → '+'
    /// [2ND captures show %2F and '+'; the exact safe set is DERIVED].
    /// </summary>
    static string FormEncode(string value) => Encode(value, c => c is '-' or '_' or '.' or '*', spaceAsPlus: true);

    static string Encode(string value, Func<char, bool> safe, bool spaceAsPlus)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' || safe(c)) sb.Append(c);
            else if (c == ' ' && spaceAsPlus) sb.Append('+');
            else sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
