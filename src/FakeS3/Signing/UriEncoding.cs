using System.Text;

namespace FakeS3.Signing;

/// <summary>UriEncode of the SigV4 spec (spec §1.2): unreserved bytes kept, everything else %XX upper-case.</summary>
internal static class UriEncoding
{
    const string UpperHex = "0123456789ABCDEF";

    public static bool IsUnreserved(byte b) =>
        b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9'
            or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~';

    public static void Append(StringBuilder sb, ReadOnlySpan<byte> bytes, bool keepSlash)
    {
        foreach (var b in bytes)
        {
            if (IsUnreserved(b) || (keepSlash && b == (byte)'/')) sb.Append((char)b);
            else sb.Append('%').Append(UpperHex[b >> 4]).Append(UpperHex[b & 0xF]);
        }
    }

    public static string Encode(string text, bool keepSlash = false)
    {
        var sb = new StringBuilder(text.Length + 8);
        Append(sb, Encoding.UTF8.GetBytes(text), keepSlash);
        return sb.ToString();
    }

    /// <summary>
    /// Percent-decodes once to bytes. A '%' not followed by two hex digits is kept literally, and '+' stays
    /// '+' (spec §1.4: a raw '+' is a literal plus; SDKs always send %2B or %20) [UNCONFIRMED].
    /// </summary>
    public static byte[] PercentDecode(ReadOnlySpan<char> raw)
    {
        var max = Encoding.UTF8.GetMaxByteCount(raw.Length);
        var buffer = max <= 512 ? stackalloc byte[max] : new byte[max];
        return buffer[..PercentDecode(raw, buffer)].ToArray();
    }

    /// <summary><see cref="PercentDecode(ReadOnlySpan{char})"/> into a caller's buffer of GetMaxByteCount bytes.</summary>
    static int PercentDecode(ReadOnlySpan<char> raw, Span<byte> buffer)
    {
        var n = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '%' && i + 2 < raw.Length && HexValue(raw[i + 1]) is var hi and >= 0 && HexValue(raw[i + 2]) is var lo and >= 0)
            {
                buffer[n++] = (byte)(hi << 4 | lo);
                i += 2;
            }
            else if (c < 0x80)
            {
                buffer[n++] = (byte)c;
            }
            else
            {
                var width = char.IsHighSurrogate(c) && i + 1 < raw.Length ? 2 : 1;
                n += Encoding.UTF8.GetBytes(raw.Slice(i, width), buffer[n..]);
                i += width - 1;
            }
        }
        return n;
    }

    public static string Decode(ReadOnlySpan<char> raw) => DecodeUtf8(raw, strict: false)!;

    /// <summary>
    /// <see cref="Decode"/>, or null when the decoded bytes are not UTF-8: replacing them with U+FFFD would make
    /// distinct byte strings (%FF, %FE) one key.
    /// </summary>
    public static string? DecodeStrict(ReadOnlySpan<char> raw) => DecodeUtf8(raw, strict: true);

    static string? DecodeUtf8(ReadOnlySpan<char> raw, bool strict)
    {
        var max = Encoding.UTF8.GetMaxByteCount(raw.Length);
        var buffer = max <= 512 ? stackalloc byte[max] : new byte[max];
        var bytes = buffer[..PercentDecode(raw, buffer)];
        return strict && !System.Text.Unicode.Utf8.IsValid(bytes) ? null : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>
    /// True when <paramref name="raw"/> is already its own UriEncode (of its percent-decoding): unreserved
    /// characters and upper-case %XX escapes of bytes that must be escaped ('/' literal when kept). SDK-signed
    /// URLs always are, and then the raw text serves as the encoded form without decoding and re-encoding it.
    /// </summary>
    public static bool IsCanonical(ReadOnlySpan<char> raw, bool keepSlash)
    {
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if ((keepSlash && c == '/') || (c < 0x80 && IsUnreserved((byte)c))) continue;
            if (c == '%' && i + 2 < raw.Length && IsUpperHex(raw[i + 1]) && IsUpperHex(raw[i + 2]))
            {
                var b = (byte)(HexValue(raw[i + 1]) << 4 | HexValue(raw[i + 2]));
                if (IsUnreserved(b) || (keepSlash && b == (byte)'/')) return false;
                i += 2;
                continue;
            }
            return false;
        }
        return true;
    }

    static bool IsUpperHex(char c) => c is >= '0' and <= '9' or >= 'A' and <= 'F';

    static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
