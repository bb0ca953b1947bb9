using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FakeS3.Checksums;

/// <summary>
/// Carry-less-multiply folding (PCLMULQDQ) for a reflected CRC of width 32 or 64: long inputs are folded 64 bytes
/// per step in four 16-byte lanes down to one 16-byte message with the same CRC, which the caller finishes with its
/// table. Why: the slicing-by-8 tables ran at about 1 GB/s and CRC64NVME (computed for every upload, S3's default
/// checksum) was 7% of a 64 MiB PUT's server CPU.
/// </summary>
/// <remarks>
/// The math: a reflected CRC is linear, and the CRC (state 0) of a message M equals M(x)·x^w mod P. A 16-byte lane A
/// followed by d zero bits has the CRC of the 16-byte message A_lo·(x^(d+64) mod P) + A_hi·(x^d mod P), which a
/// carry-less multiply gives directly when the constants are taken one power lower (the product of two reflected
/// 64-bit values comes out one bit short of the 128-bit layout).
/// </remarks>
internal sealed class CrcFolding
{
    /// <summary>Inputs shorter than this are left to the table: the fold needs 64 bytes and has a fixed cost.</summary>
    public const int MinLength = 128;

    readonly Vector128<ulong> _by512, _by384, _by256, _by128;

    /// <param name="width">32 or 64.</param>
    /// <param name="reflectedPoly">The polynomial without its x^width term, bit-reflected (as the tables use it).</param>
    public CrcFolding(int width, ulong reflectedPoly)
    {
        var normal = Reverse(reflectedPoly) >> (64 - width);
        _by512 = Constants(512, width, normal);
        _by384 = Constants(384, width, normal);
        _by256 = Constants(256, width, normal);
        _by128 = Constants(128, width, normal);
    }

    public static bool IsSupported => Pclmulqdq.IsSupported && Sse2.IsSupported;

    /// <summary>
    /// Folds the whole 16-byte blocks of <paramref name="data"/> (at least 64 bytes), with <paramref name="state"/>
    /// mixed into its first bytes, into <paramref name="pending"/> (16 bytes): the CRC of pending from state 0 equals
    /// the CRC of those blocks from <paramref name="state"/>. Returns how many bytes of data were folded.
    /// </summary>
    public int Fold(ulong state, ReadOnlySpan<byte> data, Span<byte> pending)
    {
        if (!IsSupported || data.Length < 64 || pending.Length < 16) throw new ArgumentException("Folding needs PCLMULQDQ, 64 bytes and a 16-byte pending buffer.");
        ref var start = ref MemoryMarshal.GetReference(data);
        var x0 = Load(ref start, 0) ^ Vector128.CreateScalar(state);
        var x1 = Load(ref start, 16);
        var x2 = Load(ref start, 32);
        var x3 = Load(ref start, 48);
        var offset = 64;
        for (; offset + 64 <= data.Length; offset += 64)
        {
            x0 = FoldInto(x0, _by512, Load(ref start, offset));
            x1 = FoldInto(x1, _by512, Load(ref start, offset + 16));
            x2 = FoldInto(x2, _by512, Load(ref start, offset + 32));
            x3 = FoldInto(x3, _by512, Load(ref start, offset + 48));
        }
        var x = FoldInto(x0, _by384, FoldInto(x1, _by256, FoldInto(x2, _by128, x3)));
        for (; offset + 16 <= data.Length; offset += 16) x = FoldInto(x, _by128, Load(ref start, offset));
        MemoryMarshal.Write(pending, in x);
        return offset;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector128<ulong> FoldInto(Vector128<ulong> lane, Vector128<ulong> constants, Vector128<ulong> next) =>
        Pclmulqdq.CarrylessMultiply(lane, constants, 0x00) ^ Pclmulqdq.CarrylessMultiply(lane, constants, 0x11) ^ next;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector128<ulong> Load(ref byte start, int offset) =>
        Vector128.LoadUnsafe(ref Unsafe.Add(ref start, offset)).AsUInt64();

    /// <summary>Low lane: x^(d+63) mod P, high lane: x^(d-1) mod P, both reflected into 64 bits.</summary>
    static Vector128<ulong> Constants(int distance, int width, ulong normalPoly) =>
        Vector128.Create(Reverse(PowerMod(distance + 63, width, normalPoly)), Reverse(PowerMod(distance - 1, width, normalPoly)));

    /// <summary>x^n mod P in normal bit order (bit m is x^m), P = x^width + normalPoly.</summary>
    static ulong PowerMod(int n, int width, ulong normalPoly)
    {
        var mask = width == 64 ? ulong.MaxValue : (1ul << width) - 1;
        ulong r = 1;
        for (var i = 0; i < n; i++)
        {
            var carry = (r >> (width - 1)) & 1;
            r = (r << 1) & mask;
            if (carry != 0) r ^= normalPoly;
        }
        return r;
    }

    static ulong Reverse(ulong v)
    {
        ulong r = 0;
        for (var i = 0; i < 64; i++, v >>= 1) r = (r << 1) | (v & 1);
        return r;
    }
}
