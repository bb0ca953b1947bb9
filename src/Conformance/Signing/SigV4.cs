using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace FakeS3.Conformance.Signing;

/// <summary>
/// A client-side SigV4 signer for the requests AWSSDK.S3 refuses to produce (past or future dates, tampered
/// credentials, unsigned headers). Written from the AWS documentation, independent of the server under test.
/// </summary>
public static class SigV4
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    public const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public static string AmzDate(DateTime utc) => utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
    public static string DateStamp(DateTime utc) => utc.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>RFC 3986 unreserved kept, everything else %XX upper-case; '/' kept only when asked (object key paths).</summary>
    public static string UriEncode(string value, bool keepSlash)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '.' or '_' or '~' || (keepSlash && c == '/'))
                sb.Append(c);
            else
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
    public static string Sha256Hex(byte[] data) => Hex(SHA256.HashData(data));
    public static string Sha256Hex(string text) => Sha256Hex(Encoding.UTF8.GetBytes(text));
    public static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    public static byte[] SigningKey(string secret, string dateStamp, string region, string service = "s3")
    {
        var kDate = Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), dateStamp);
        return Hmac(Hmac(Hmac(kDate, region), service), "aws4_request");
    }

    /// <summary>Builds a presigned URL. Every field can be tampered with through <see cref="PresignSpec"/>.</summary>
    public static Uri Presign(Uri url, PresignSpec spec)
    {
        var date = spec.Date;
        var credDate = spec.CredentialDate ?? DateStamp(date);
        var credential = spec.CredentialOverride ?? $"{spec.AccessKeyId}/{credDate}/{spec.Region}/{spec.Service}/{spec.Terminal}";
        var signedHeaders = spec.Headers.Keys.Select(k => k.ToLowerInvariant()).Append(spec.SignHost ? "host" : null).OfType<string>()
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var query = new List<KeyValuePair<string, string>>(ParseQuery(url.Query));
        void Add(string name, string? value) { if (value is not null && !spec.Omit.Contains(name)) query.Add(new(name, value)); }
        Add("X-Amz-Algorithm", spec.Algorithm);
        Add("X-Amz-Credential", credential);
        Add("X-Amz-Date", spec.AmzDateText ?? AmzDate(date));
        Add("X-Amz-Expires", spec.Expires);
        Add("X-Amz-SignedHeaders", string.Join(';', signedHeaders));
        foreach (var kv in spec.ExtraQuery) query.Add(kv);
        var host = spec.HostForSigning ?? HostHeader(url);
        var headers = spec.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value);
        headers["host"] = host;
        var canonical = CanonicalRequest(spec.Method, url.AbsolutePath, CanonicalQuery(query), headers, signedHeaders, spec.PayloadHash);
        var stringToSign = $"{Algorithm}\n{spec.AmzDateText ?? AmzDate(date)}\n{credDate}/{spec.Region}/{spec.Service}/{spec.Terminal}\n{Sha256Hex(canonical)}";
        var signature = spec.SignatureOverride ?? Hex(Hmac(SigningKey(spec.Secret, credDate, spec.Region, spec.Service), stringToSign));
        if (!spec.Omit.Contains("X-Amz-Signature")) query.Add(new("X-Amz-Signature", signature));
        var text = string.Join('&', query.Select(kv => UriEncode(kv.Key, false) + "=" + UriEncode(kv.Value, false)));
        return new UriBuilder(url) { Query = text }.Uri;
    }

    /// <summary>Signs <paramref name="request"/> with an Authorization header (x-amz-date, x-amz-content-sha256 added unless told otherwise).</summary>
    public static string SignHeaders(HttpRequestMessage request, HeaderSignSpec spec)
    {
        var date = spec.Date;
        var amzDate = AmzDate(date);
        if (spec.SendAmzDate) request.Headers.TryAddWithoutValidation("x-amz-date", amzDate);
        if (spec.PayloadHash is not null) request.Headers.TryAddWithoutValidation("x-amz-content-sha256", spec.PayloadHash);
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["host"] = spec.HostForSigning ?? HostHeader(request.RequestUri!) };
        foreach (var h in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            var name = h.Key.ToLowerInvariant();
            if (name is "host" or "user-agent" or "expect" or "transfer-encoding" or "connection") continue;
            if (spec.Unsigned.Contains(name)) continue;
            headers[name] = string.Join(',', h.Value);
        }
        if (spec.Unsigned.Contains("host")) headers.Remove("host");
        var signed = headers.Keys.ToList();
        var credDate = DateStamp(date);
        var canonical = CanonicalRequest(request.Method.Method, request.RequestUri!.AbsolutePath,
            CanonicalQuery(ParseQuery(request.RequestUri.Query)), headers, signed, spec.PayloadHash ?? UnsignedPayload);
        var scope = $"{credDate}/{spec.Region}/{spec.Service}/aws4_request";
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{Sha256Hex(canonical)}";
        var signature = Hex(Hmac(SigningKey(spec.Secret, credDate, spec.Region, spec.Service), stringToSign));
        var authorization = $"{Algorithm} Credential={spec.AccessKeyId}/{scope}, SignedHeaders={string.Join(';', signed)}, Signature={signature}";
        if (spec.TamperAuthorization is not null) authorization = spec.TamperAuthorization(authorization);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return signature;
    }

    public static string HostHeader(Uri url) => url.IsDefaultPort ? url.Host : $"{url.Host}:{url.Port}";

    public static string CanonicalRequest(string method, string canonicalUri, string canonicalQuery, IReadOnlyDictionary<string, string> headers, IReadOnlyList<string> signedHeaders, string payloadHash)
    {
        var sb = new StringBuilder();
        sb.Append(method).Append('\n').Append(canonicalUri.Length == 0 ? "/" : canonicalUri).Append('\n').Append(canonicalQuery).Append('\n');
        foreach (var name in signedHeaders)
            sb.Append(name).Append(':').Append(headers.TryGetValue(name, out var v) ? Collapse(v) : "").Append('\n');
        sb.Append('\n').Append(string.Join(';', signedHeaders)).Append('\n').Append(payloadHash);
        return sb.ToString();
    }

    static string Collapse(string value) => string.Join(' ', value.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> query) =>
        string.Join('&', query.Where(kv => kv.Key != "X-Amz-Signature")
            .Select(kv => (Name: UriEncode(kv.Key, false), Value: UriEncode(kv.Value, false)))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));

    public static IEnumerable<KeyValuePair<string, string>> ParseQuery(string query)
    {
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var name = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? "" : part[(eq + 1)..];
            yield return new(Uri.UnescapeDataString(name), Uri.UnescapeDataString(value));
        }
    }

    /// <summary>aws-chunked chunk signature (sigv4-streaming): chained from the previous signature.</summary>
    public static string ChunkSignature(byte[] signingKey, string amzDate, string scope, string previous, ReadOnlySpan<byte> chunk) =>
        Hex(Hmac(signingKey, $"AWS4-HMAC-SHA256-PAYLOAD\n{amzDate}\n{scope}\n{previous}\n{EmptySha256}\n{Hex(SHA256.HashData(chunk))}"));

    /// <summary>POST policy signature: hex HMAC of the base64 policy text with the credential's key.</summary>
    public static string PostSignature(string policyBase64, string secret, string dateStamp, string region) =>
        Hex(Hmac(SigningKey(secret, dateStamp, region), policyBase64));

    public static void SetContentType(HttpContent content, string value) => content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
}

/// <summary>Inputs of a presigned URL; defaults produce a valid URL, each property is a tampering knob.</summary>
public sealed record PresignSpec
{
    public required string AccessKeyId { get; init; }
    public required string Secret { get; init; }
    public required string Region { get; init; }
    public required DateTime Date { get; init; }
    public string Method { get; init; } = "GET";
    public string? Expires { get; init; } = "3600";
    public string Service { get; init; } = "s3";
    public string Terminal { get; init; } = "aws4_request";
    public string? Algorithm { get; init; } = SigV4.Algorithm;
    public string? CredentialDate { get; init; }
    public string? CredentialOverride { get; init; }
    public string? AmzDateText { get; init; }
    public string? HostForSigning { get; init; }
    public string? SignatureOverride { get; init; }
    public string PayloadHash { get; init; } = SigV4.UnsignedPayload;
    /// <summary>False leaves host out of X-Amz-SignedHeaders (no SDK does; S3 refuses it).</summary>
    public bool SignHost { get; init; } = true;
    /// <summary>Headers signed in addition to host (the caller must send them).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    /// <summary>Extra query parameters covered by the signature (response-*, x-amz-checksum-*...).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ExtraQuery { get; init; } = [];
    /// <summary>X-Amz-* parameters to leave out of the URL.</summary>
    public IReadOnlySet<string> Omit { get; init; } = new HashSet<string>();
}

public sealed record HeaderSignSpec
{
    public required string AccessKeyId { get; init; }
    public required string Secret { get; init; }
    public required string Region { get; init; }
    public required DateTime Date { get; init; }
    public string Service { get; init; } = "s3";
    /// <summary>x-amz-content-sha256 value; null sends no header (and signs UNSIGNED-PAYLOAD).</summary>
    public string? PayloadHash { get; init; } = SigV4.UnsignedPayload;
    public bool SendAmzDate { get; init; } = true;
    public string? HostForSigning { get; init; }
    /// <summary>Lower-case names of headers present on the request but left out of SignedHeaders.</summary>
    public IReadOnlySet<string> Unsigned { get; init; } = new HashSet<string>();
    public Func<string, string>? TamperAuthorization { get; init; }
}
