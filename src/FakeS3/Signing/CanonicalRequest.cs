using System.Text;

namespace FakeS3.Signing;

/// <summary>
/// Method LF CanonicalURI LF CanonicalQuery LF CanonicalHeaders LF SignedHeaders LF PayloadHash (spec §1.1);
/// every canonical header line ends with LF, so the text shows an empty line before SignedHeaders.
/// </summary>
public static class CanonicalRequest
{
    public static string Build(string method, string canonicalUri, string canonicalQuery,
        IReadOnlyList<(string Name, string? Value)> signedHeaderValues, string signedHeaders, string payloadHash)
    {
        var sb = new StringBuilder(256);
        sb.Append(method).Append('\n').Append(canonicalUri).Append('\n').Append(canonicalQuery).Append('\n');
        foreach (var (name, value) in signedHeaderValues)
        {
            sb.Append(name).Append(':');
            // A signed header absent from the request is rendered "name:" so the signature simply
            // mismatches (spec §1.5, S3's own answer UNCONFIRMED).
            if (value is not null) AppendNormalizedValue(sb, value);
            sb.Append('\n');
        }
        sb.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);
        return sb.ToString();
    }

    /// <summary>
    /// Percent-decode the raw path once, then UriEncode keeping '/': S3 does no double encoding and no
    /// path normalisation (spec §1.2–1.3 [DOC][SDK]). Empty path is "/".
    /// </summary>
    public static string CanonicalUri(string rawPath)
    {
        if (rawPath.Length == 0) return "/";
        if (IsAlreadyCanonical(rawPath)) return rawPath;
        var sb = new StringBuilder(rawPath.Length + 16);
        UriEncoding.Append(sb, UriEncoding.PercentDecode(rawPath), keepSlash: true);
        return sb.ToString();
    }

    /// <summary>Sorted by encoded name then encoded value, ordinal; valueless parameters as "name=" (spec §1.4).</summary>
    public static string CanonicalQuery(ParsedQuery query, bool excludeSignature)
    {
        var parameters = query.Parameters;
        if (parameters.Count == 0) return "";
        var items = new (string Name, string Value)[parameters.Count];
        var n = 0;
        foreach (var p in parameters)
        {
            if (excludeSignature && p.Name == SigV4Constants.XAmzSignature) continue;
            items[n++] = (p.EncodedName, p.EncodedValue);
        }
        var span = items.AsSpan(0, n);
        span.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Name, b.Name);
            return c != 0 ? c : string.CompareOrdinal(a.Value, b.Value);
        });
        var sb = new StringBuilder(256);
        for (var i = 0; i < span.Length; i++)
        {
            if (i > 0) sb.Append('&');
            sb.Append(span[i].Name).Append('=').Append(span[i].Value);
        }
        return sb.ToString();
    }

    /// <summary>Trim both ends and collapse each internal whitespace run to one space (spec §1.5).</summary>
    static void AppendNormalizedValue(StringBuilder sb, string value)
    {
        var v = value.AsSpan().Trim();
        var inSpace = false;
        foreach (var c in v)
        {
            if (c is ' ' or '\t')
            {
                if (!inSpace) sb.Append(' ');
                inSpace = true;
            }
            else
            {
                sb.Append(c);
                inSpace = false;
            }
        }
    }

    /// <summary>Fast path: a path of unreserved bytes, '/' and upper-case %XX escapes of reserved bytes is already canonical.</summary>
    static bool IsAlreadyCanonical(string rawPath)
    {
        for (var i = 0; i < rawPath.Length; i++)
        {
            var c = rawPath[i];
            if (c == '/' || (c < 0x80 && UriEncoding.IsUnreserved((byte)c))) continue;
            if (c == '%' && i + 2 < rawPath.Length && IsUpperHex(rawPath[i + 1]) && IsUpperHex(rawPath[i + 2]))
            {
                var b = Convert.ToByte(rawPath.Substring(i + 1, 2), 16);
                if (UriEncoding.IsUnreserved(b) || b == (byte)'/') return false;
                i += 2;
                continue;
            }
            return false;
        }
        return true;
    }

    static bool IsUpperHex(char c) => c is >= '0' and <= '9' or >= 'A' and <= 'F';
}
