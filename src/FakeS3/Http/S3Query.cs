namespace FakeS3.Http;

/// <summary>The decoded query string. First occurrence wins; valueless parameters have the value "".</summary>
public sealed class S3Query
{
    readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static S3Query Parse(string rawQuery) => From(Signing.ParsedQuery.Parse(rawQuery));

    /// <summary>From the query the signer already parsed, so a request's query is decoded once.</summary>
    public static S3Query From(Signing.ParsedQuery parsed)
    {
        var q = new S3Query();
        foreach (var p in parsed.Parameters) q._values.TryAdd(p.Name, p.Value);
        return q;
    }

    public bool Has(string name) => _values.ContainsKey(name);
    public string? this[string name] => _values.TryGetValue(name, out var v) ? v : null;
    public IEnumerable<string> Names => _values.Keys;
}
