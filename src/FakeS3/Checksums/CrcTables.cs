using System.Buffers.Binary;

namespace FakeS3.Checksums;

/// <summary>Slicing-by-8 tables and update loops for reflected CRCs (8 tables of 256 entries each).</summary>
internal static class CrcTables
{
    public static uint[] Build32(uint poly)
    {
        var t = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >> 1) ^ poly : c >> 1;
            t[i] = c;
        }
        for (var i = 0; i < 256; i++)
        {
            for (var s = 1; s < 8; s++) t[s * 256 + i] = (t[(s - 1) * 256 + i] >> 8) ^ t[t[(s - 1) * 256 + i] & 0xFF];
        }
        return t;
    }

    public static ulong[] Build64(ulong poly)
    {
        var t = new ulong[8 * 256];
        for (ulong i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >> 1) ^ poly : c >> 1;
            t[i] = c;
        }
        for (var i = 0; i < 256; i++)
        {
            for (var s = 1; s < 8; s++) t[s * 256 + i] = (t[(s - 1) * 256 + i] >> 8) ^ t[(int)(t[(s - 1) * 256 + i] & 0xFF)];
        }
        return t;
    }

    public static uint Update32(uint[] t, uint crc, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 8)
        {
            var lo = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ crc;
            var hi = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            crc = t[7 * 256 + (lo & 0xFF)] ^ t[6 * 256 + ((lo >> 8) & 0xFF)] ^ t[5 * 256 + ((lo >> 16) & 0xFF)] ^ t[4 * 256 + (lo >> 24)]
                ^ t[3 * 256 + (hi & 0xFF)] ^ t[2 * 256 + ((hi >> 8) & 0xFF)] ^ t[256 + ((hi >> 16) & 0xFF)] ^ t[hi >> 24];
            data = data[8..];
        }
        foreach (var b in data) crc = (crc >> 8) ^ t[(crc ^ b) & 0xFF];
        return crc;
    }

    public static ulong Update64(ulong[] t, ulong crc, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 8)
        {
            var v = BinaryPrimitives.ReadUInt64LittleEndian(data) ^ crc;
            crc = t[7 * 256 + (int)(v & 0xFF)] ^ t[6 * 256 + (int)((v >> 8) & 0xFF)] ^ t[5 * 256 + (int)((v >> 16) & 0xFF)]
                ^ t[4 * 256 + (int)((v >> 24) & 0xFF)] ^ t[3 * 256 + (int)((v >> 32) & 0xFF)] ^ t[2 * 256 + (int)((v >> 40) & 0xFF)]
                ^ t[256 + (int)((v >> 48) & 0xFF)] ^ t[(int)(v >> 56)];
            data = data[8..];
        }
        foreach (var b in data) crc = (crc >> 8) ^ t[(int)((crc ^ b) & 0xFF)];
        return crc;
    }
}
