using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FakeS3.Tests.Security;

/// <summary>
/// A minimal SigV4 signer written from the AWS documentation, independent of FakeS3's code, that can leave
/// `host` out of SignedHeaders (no SDK does). Tests prove it right by getting 200 when host is included.
/// </summary>
internal static class IndependentSigV4
{
    const string Region = "us-east-1";
    const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public static string PresignedTarget(string method, string path, IReadOnlyDictionary<string, string> headers,
        string accessKeyId, string secret, DateTimeOffset now)
    {
        var (amzDate, scope) = Scope(now);
        var signedHeaders = string.Join(';', headers.Keys.Order(StringComparer.Ordinal));
        var query = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["X-Amz-Algorithm"] = "AWS4-HMAC-SHA256", ["X-Amz-Credential"] = accessKeyId + "/" + scope,
            ["X-Amz-Date"] = amzDate, ["X-Amz-Expires"] = "300", ["X-Amz-SignedHeaders"] = signedHeaders,
        };
        var canonicalQuery = string.Join('&', query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        var signature = Sign(method, path, canonicalQuery, headers, signedHeaders, "UNSIGNED-PAYLOAD", amzDate, scope, secret);
        return path + "?" + canonicalQuery + "&X-Amz-Signature=" + signature;
    }

    /// <summary>
    /// Authorization header (for a body-less request unless <paramref name="payloadHash"/> says otherwise, e.g.
    /// UNSIGNED-PAYLOAD); <paramref name="headers"/> must hold x-amz-date and x-amz-content-sha256 if signed.
    /// </summary>
    public static string Authorization(string method, string path, IReadOnlyDictionary<string, string> headers,
        string accessKeyId, string secret, DateTimeOffset now, string canonicalQuery = "", string payloadHash = EmptySha256)
    {
        var (amzDate, scope) = Scope(now);
        var signedHeaders = string.Join(';', headers.Keys.Order(StringComparer.Ordinal));
        var signature = Sign(method, path, canonicalQuery, headers, signedHeaders, payloadHash, amzDate, scope, secret);
        return $"AWS4-HMAC-SHA256 Credential={accessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
    }

    public static string AmzDate(DateTimeOffset now) => now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    public static string PayloadHashOfEmptyBody => EmptySha256;

    static (string AmzDate, string Scope) Scope(DateTimeOffset now)
    {
        var amzDate = AmzDate(now);
        return (amzDate, $"{amzDate[..8]}/{Region}/s3/aws4_request");
    }

    static string Sign(string method, string path, string canonicalQuery, IReadOnlyDictionary<string, string> headers,
        string signedHeaders, string payloadHash, string amzDate, string scope, string secret)
    {
        var canonicalHeaders = string.Concat(headers.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => h.Key + ":" + h.Value.Trim() + "\n"));
        var canonicalRequest = $"{method}\n{path}\n{canonicalQuery}\n{canonicalHeaders}\n{signedHeaders}\n{payloadHash}";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + secret);
        foreach (var part in scope.Split('/')) key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }
}
