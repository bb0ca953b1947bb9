namespace FakeS3.Signing;

/// <summary>kSigning = HMAC chain over "AWS4"+secret, date, region, service, "aws4_request" (spec §1.1).</summary>
internal static class SigningKey
{
    public static byte[] Derive(string secretAccessKey, string date, string region, string service)
    {
        var key = new byte[32];
        // Two buffers alternate: HMAC output must not overlap its key.
        Span<byte> a = stackalloc byte[32];
        Span<byte> b = stackalloc byte[32];
        Crypto.HmacSha256(System.Text.Encoding.UTF8.GetBytes(SigV4Constants.Scheme + secretAccessKey), date, a);
        Crypto.HmacSha256(a, region, b);
        Crypto.HmacSha256(b, service, a);
        Crypto.HmacSha256(a, SigV4Constants.Terminator, key);
        return key;
    }
}
