namespace FakeS3.Signing;

/// <summary>One query parameter: decoded name/value for lookups, UriEncoded forms for the canonical query.</summary>
internal readonly record struct QueryParameter(string Name, string Value, string EncodedName, string EncodedValue);
