using System.Text;

namespace FakeS3.Diagnostics;

/// <summary>
/// The SigV4 steps diagnosis recomputes for each variant, from the shared Signing code, plus the one decode
/// variant it needs ('+' as space). Diagnosis-only: it never decides whether a request is accepted.
/// </summary>
internal static class SigV4Primitives
{
    public static byte[] SigningKey(string secret, string date, string region, string service) =>
        Signing.SigningKey.Derive(secret, date, region, service);

    public static string HmacHex(byte[] key, string text) => Signing.Crypto.HmacSha256Hex(key, text);

    public static string Sha256Hex(string text) => Signing.Crypto.Sha256Hex(text);

    public static string UriEncode(byte[] bytes, bool keepSlash)
    {
        var sb = new StringBuilder(bytes.Length * 2);
        Signing.UriEncoding.Append(sb, bytes, keepSlash);
        return sb.ToString();
    }

    /// <summary>Percent-decodes once; with <paramref name="plusIsSpace"/> a raw '+' becomes a space (form encoding).</summary>
    public static byte[] PercentDecode(string value, bool plusIsSpace = false) =>
        Signing.UriEncoding.PercentDecode(plusIsSpace ? value.Replace('+', ' ') : value);
}
