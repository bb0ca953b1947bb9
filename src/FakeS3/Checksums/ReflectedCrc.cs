namespace FakeS3.Checksums;

/// <summary>
/// A reflected CRC of width 32 or 64 without its init and xorout (the callers apply those): long inputs are folded
/// with carry-less multiplies (<see cref="CrcFolding"/>) and finished with the slicing-by-8 table, short ones go to
/// the table alone.
/// </summary>
internal sealed class ReflectedCrc
{
    readonly uint[]? _table32;
    readonly ulong[]? _table64;
    readonly CrcFolding _folding;

    /// <param name="width">32 or 64.</param>
    /// <param name="reflectedPoly">The polynomial without its x^width term, bit-reflected.</param>
    public ReflectedCrc(int width, ulong reflectedPoly)
    {
        if (width == 32) _table32 = CrcTables.Build32((uint)reflectedPoly);
        else _table64 = CrcTables.Build64(reflectedPoly);
        _folding = new CrcFolding(width, reflectedPoly);
    }

    public ulong Update(ulong state, ReadOnlySpan<byte> data)
    {
        if (data.Length >= CrcFolding.MinLength && CrcFolding.IsSupported)
        {
            Span<byte> pending = stackalloc byte[16];
            data = data[_folding.Fold(state, data, pending)..];
            state = Table(0, pending);
        }
        return Table(state, data);
    }

    ulong Table(ulong state, ReadOnlySpan<byte> data) =>
        _table64 is not null ? CrcTables.Update64(_table64, state, data) : CrcTables.Update32(_table32!, (uint)state, data);
}
