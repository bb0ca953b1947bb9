namespace FakeS3.Diagnostics;

/// <summary>
/// A CanonicalRequest split into its parts, so diagnosis can change one part (the host line, the query)
/// and render it again.
/// </summary>
internal sealed record CanonicalRequestText(string Method, string Uri, string Query,
    IReadOnlyList<(string Name, string Value)> Headers, string SignedHeaders, string PayloadHash)
{
    public static CanonicalRequestText? TryParse(string text)
    {
        var lines = text.Split('\n');
        if (lines.Length < 6 || lines[^3].Length != 0) return null;
        var headers = new List<(string, string)>();
        for (var i = 3; i < lines.Length - 3; i++)
        {
            var colon = lines[i].IndexOf(':');
            if (colon <= 0) return null;
            headers.Add((lines[i][..colon], lines[i][(colon + 1)..]));
        }
        return new CanonicalRequestText(lines[0], lines[1], lines[2], headers, lines[^2], lines[^1]);
    }

    public string? Header(string name) => Headers.FirstOrDefault(h => h.Name == name).Value;

    public CanonicalRequestText WithHeader(string name, string value) =>
        this with { Headers = [.. Headers.Select(h => h.Name == name ? (h.Name, value) : h)] };

    public string Render() =>
        string.Concat(Method, "\n", Uri, "\n", Query, "\n", string.Concat(Headers.Select(h => h.Name + ":" + h.Value + "\n")),
            "\n", SignedHeaders, "\n", PayloadHash);
}
