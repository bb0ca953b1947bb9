using System.Text;

namespace FakeS3.Signing;

/// <summary>The raw query string split on '&amp;' and the first '=' (spec §1.4), parsed once per request.</summary>
internal sealed class ParsedQuery
{
    public static readonly ParsedQuery Empty = new(new List<QueryParameter>());

    readonly List<QueryParameter> _parameters;

    ParsedQuery(List<QueryParameter> parameters) => _parameters = parameters;

    public IReadOnlyList<QueryParameter> Parameters => _parameters;

    public static ParsedQuery Parse(string rawQuery)
    {
        if (rawQuery.Length == 0) return Empty;
        var list = new List<QueryParameter>(8);
        var sb = new StringBuilder(64);
        foreach (var range in rawQuery.AsSpan().Split('&'))
        {
            var part = rawQuery.AsSpan(range);
            if (part.IsEmpty) continue;
            var eq = part.IndexOf('=');
            var (name, encodedName) = Component(eq < 0 ? part : part[..eq], sb);
            var (value, encodedValue) = Component(eq < 0 ? [] : part[(eq + 1)..], sb);
            list.Add(new QueryParameter(name, value, encodedName, encodedValue));
        }
        return new ParsedQuery(list);
    }

    // Names and values every presigned URL repeats: the constant is reused instead of a new string per request.
    static readonly string[] Common =
    [
        SigV4Constants.XAmzAlgorithm, SigV4Constants.XAmzCredential, SigV4Constants.XAmzDate, SigV4Constants.XAmzExpires,
        SigV4Constants.XAmzSignedHeaders, SigV4Constants.XAmzSignature, SigV4Constants.XAmzSecurityToken,
        SigV4Constants.Algorithm, SigV4Constants.UnsignedPayload, "host", "x-id", "GetObject", "PutObject",
    ];

    /// <summary>Decoded and UriEncoded forms of one raw name or value.</summary>
    static (string Decoded, string Encoded) Component(ReadOnlySpan<char> raw, StringBuilder sb)
    {
        if (raw.IsEmpty) return ("", "");
        if (UriEncoding.IsCanonical(raw, keepSlash: false))
        {
            // The common case (every SDK): one string for both forms when nothing is escaped.
            if (raw.Contains('%')) return (UriEncoding.Decode(raw), raw.ToString());
            foreach (var common in Common)
            {
                if (raw.SequenceEqual(common)) return (common, common);
            }
            var plain = raw.ToString();
            return (plain, plain);
        }
        var bytes = UriEncoding.PercentDecode(raw);
        sb.Clear();
        UriEncoding.Append(sb, bytes, keepSlash: false);
        return (Encoding.UTF8.GetString(bytes), sb.ToString());
    }

    /// <summary>First value of a parameter, by exact (case-sensitive) name as S3 matches X-Amz-* names.</summary>
    public string? Get(string name)
    {
        foreach (var p in _parameters) // List's struct enumerator: no allocation per lookup
        {
            if (p.Name == name) return p.Value;
        }
        return null;
    }

    public bool Contains(string name) => Get(name) is not null;
}
