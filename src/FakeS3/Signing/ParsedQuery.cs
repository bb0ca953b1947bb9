using System.Text;

namespace FakeS3.Signing;

/// <summary>The raw query string split on '&amp;' and the first '=' (spec §1.4), parsed once per request.</summary>
public sealed class ParsedQuery
{
    public static readonly ParsedQuery Empty = new([]);

    ParsedQuery(QueryParameter[] parameters) => Parameters = parameters;

    public IReadOnlyList<QueryParameter> Parameters { get; }

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
            var rawName = eq < 0 ? part : part[..eq];
            var rawValue = eq < 0 ? [] : part[(eq + 1)..];
            var nameBytes = UriEncoding.PercentDecode(rawName);
            var valueBytes = UriEncoding.PercentDecode(rawValue);
            sb.Clear();
            UriEncoding.Append(sb, nameBytes, keepSlash: false);
            var encodedName = sb.ToString();
            sb.Clear();
            UriEncoding.Append(sb, valueBytes, keepSlash: false);
            list.Add(new QueryParameter(Encoding.UTF8.GetString(nameBytes), Encoding.UTF8.GetString(valueBytes),
                encodedName, sb.ToString()));
        }
        return new ParsedQuery([.. list]);
    }

    /// <summary>First value of a parameter, by exact (case-sensitive) name as S3 matches X-Amz-* names.</summary>
    public string? Get(string name)
    {
        foreach (var p in Parameters)
        {
            if (p.Name == name) return p.Value;
        }
        return null;
    }

    public bool Contains(string name) => Get(name) is not null;
}
