namespace FakeS3.Http;

/// <summary>The decoded query string. First occurrence wins; valueless parameters have the value "".</summary>
public sealed class S3Query
{
    readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static S3Query Parse(string rawQuery)
    {
        var q = new S3Query();
        foreach (var part in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var name = S3RequestTarget.PercentDecode(eq < 0 ? part : part[..eq]);
            var value = eq < 0 ? "" : S3RequestTarget.PercentDecode(part[(eq + 1)..]);
            q._values.TryAdd(name, value);
        }
        return q;
    }

    public bool Has(string name) => _values.ContainsKey(name);
    public string? this[string name] => _values.TryGetValue(name, out var v) ? v : null;
    public IEnumerable<string> Names => _values.Keys;
}
