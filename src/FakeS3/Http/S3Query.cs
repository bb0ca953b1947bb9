namespace FakeS3.Http;

/// <summary>
/// The decoded query string. First occurrence wins; valueless parameters have the value "". A view over the
/// signer's parsed parameters (a handful per request: a linear scan beats building a dictionary).
/// </summary>
internal sealed class S3Query
{
    readonly Signing.ParsedQuery _parsed;

    S3Query(Signing.ParsedQuery parsed) => _parsed = parsed;

    public static S3Query Parse(string rawQuery) => From(Signing.ParsedQuery.Parse(rawQuery));

    /// <summary>From the query the signer already parsed, so a request's query is decoded once.</summary>
    public static S3Query From(Signing.ParsedQuery parsed) => new(parsed);

    public bool Has(string name) => _parsed.Get(name) is not null;
    public string? this[string name] => _parsed.Get(name);
    public IEnumerable<string> Names => _parsed.Parameters.Select(p => p.Name).Distinct(StringComparer.Ordinal);
}
