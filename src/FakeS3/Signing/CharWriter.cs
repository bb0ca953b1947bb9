namespace FakeS3.Signing;

/// <summary>Appends text into a caller's span (sized up front): canonical texts built without a StringBuilder.</summary>
internal ref struct CharWriter(Span<char> destination)
{
    readonly Span<char> _destination = destination;
    int _length;

    // void, not fluent: a returned copy of a struct would not advance the original.
    public void Append(char c) => _destination[_length++] = c;

    public void Append(ReadOnlySpan<char> text)
    {
        text.CopyTo(_destination[_length..]);
        _length += text.Length;
    }

    public override readonly string ToString() => new(_destination[.._length]);
}
