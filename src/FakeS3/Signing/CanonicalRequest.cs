using System.Buffers;
using System.Text;

namespace FakeS3.Signing;

/// <summary>
/// Method LF CanonicalURI LF CanonicalQuery LF CanonicalHeaders LF SignedHeaders LF PayloadHash (spec §1.1);
/// every canonical header line ends with LF, so the text shows an empty line before SignedHeaders.
/// </summary>
internal static class CanonicalRequest
{
    public static string Build(string method, string canonicalUri, string canonicalQuery,
        IReadOnlyList<(string Name, string? Value)> signedHeaderValues, string signedHeaders, string payloadHash)
    {
        // Written into a pooled buffer sized for the longest outcome (normalising values only shortens them):
        // a StringBuilder cost a buffer as large as the text on every request.
        var capacity = method.Length + canonicalUri.Length + canonicalQuery.Length + signedHeaders.Length + payloadHash.Length + 8;
        for (var i = 0; i < signedHeaderValues.Count; i++) capacity += signedHeaderValues[i].Name.Length + (signedHeaderValues[i].Value?.Length ?? 0) + 2;
        var rented = ArrayPool<char>.Shared.Rent(capacity);
        try
        {
            var text = new CharWriter(rented);
            text.Append(method);
            text.Append('\n');
            text.Append(canonicalUri);
            text.Append('\n');
            text.Append(canonicalQuery);
            text.Append('\n');
            for (var i = 0; i < signedHeaderValues.Count; i++)
            {
                var (name, value) = signedHeaderValues[i];
                text.Append(name);
                text.Append(':');
                // A signed header absent from the request is rendered "name:" so the signature simply
                // mismatches (spec §1.5, S3's own answer UNCONFIRMED).
                if (value is not null) AppendNormalizedValue(ref text, value);
                text.Append('\n');
            }
            text.Append('\n');
            text.Append(signedHeaders);
            text.Append('\n');
            text.Append(payloadHash);
            return text.ToString();
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Percent-decode the raw path once, then UriEncode keeping '/': S3 does no double encoding and no
    /// path normalisation (spec §1.2–1.3 [DOC][SDK]). Empty path is "/".
    /// </summary>
    public static string CanonicalUri(string rawPath)
    {
        if (rawPath.Length == 0) return "/";
        if (UriEncoding.IsCanonical(rawPath, keepSlash: true)) return rawPath;
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
        for (var i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            if (excludeSignature && p.Name == SigV4Constants.XAmzSignature) continue;
            items[n++] = (p.EncodedName, p.EncodedValue);
        }
        var span = items.AsSpan(0, n);
        span.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Name, b.Name);
            return c != 0 ? c : string.CompareOrdinal(a.Value, b.Value);
        });
        if (span.IsEmpty) return "";
        var length = span.Length - 1;
        foreach (var (name, value) in span) length += name.Length + value.Length + 1;
        return string.Create(length, (items, n), static (destination, state) =>
        {
            var text = new CharWriter(destination);
            for (var i = 0; i < state.n; i++)
            {
                if (i > 0) text.Append('&');
                text.Append(state.items[i].Name);
                text.Append('=');
                text.Append(state.items[i].Value);
            }
        });
    }

    /// <summary>Trim both ends and collapse each internal whitespace run to one space (spec §1.5).</summary>
    static void AppendNormalizedValue(ref CharWriter text, string value)
    {
        var v = value.AsSpan().Trim();
        var inSpace = false;
        foreach (var c in v)
        {
            if (c is ' ' or '\t')
            {
                if (!inSpace) text.Append(' ');
                inSpace = true;
            }
            else
            {
                text.Append(c);
                inSpace = false;
            }
        }
    }

}
