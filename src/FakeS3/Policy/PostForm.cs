namespace FakeS3.Policy;

/// <summary>
/// The text fields that came before the <c>file</c> part. Names are case-insensitive and values
/// case-sensitive [DOC][REC spec §3.1]. A repeated name keeps its first value and is listed once: the
/// value the policy checks is then the value stored, so a duplicate can't slip past a condition
/// [UNCONFIRMED; werkzeug's MultiDict.get, which LocalStack uses, also returns the first].
/// </summary>
internal sealed class PostForm
{
    public const string FilenameVariable = "${filename}";

    readonly List<PostField> _fields = [];
    readonly Dictionary<string, string> _byName = new(StringComparer.OrdinalIgnoreCase);

    public PostForm(IEnumerable<PostField> fields)
    {
        foreach (var field in fields)
        {
            if (_byName.TryAdd(field.Name, field.Value)) _fields.Add(field);
        }
    }

    public PostForm(params (string Name, string Value)[] fields) : this(fields.Select(f => new PostField(f.Name, f.Value)))
    {
    }

    /// <summary>In the order sent, without repeats.</summary>
    public IReadOnlyList<PostField> Fields => _fields;

    public string? Get(string name) => _byName.TryGetValue(name, out var value) ? value : null;

    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>
    /// Replaces <c>${filename}</c> in every value by the file part's file name, keeping only the text
    /// after the last '/' or '\' [DOC]. No filename parameter at all keeps the variable literally [REC];
    /// an empty one substitutes the empty string [2ND]. S3 does this before evaluating the policy [DOC].
    /// </summary>
    public PostForm WithFilename(string? fileName)
    {
        if (fileName is null || !_fields.Exists(f => f.Value.Contains(FilenameVariable, StringComparison.Ordinal))) return this;
        var baseName = BaseName(fileName);
        return new PostForm(_fields.Select(f => f with { Value = f.Value.Replace(FilenameVariable, baseName, StringComparison.Ordinal) }));
    }

    public static string BaseName(string fileName)
    {
        var cut = fileName.LastIndexOfAny(['/', '\\']);
        return cut < 0 ? fileName : fileName[(cut + 1)..];
    }
}
