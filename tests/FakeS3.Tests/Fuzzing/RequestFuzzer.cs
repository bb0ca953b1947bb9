using System.Text;
using FakeS3.Conformance.Signing;

namespace FakeS3.Tests.Fuzzing;

/// <summary>One raw HTTP/1.1 request as the fuzzer sends it: the request target is sent byte for byte.</summary>
public sealed record FuzzRequest(string Category, string Method, string Target, List<(string Name, string Value)> Headers, byte[] Body, bool Expect100)
{
    public override string ToString() =>
        $"[{Category}] {Method} {Target}\n{string.Join("\n", Headers.Select(h => h.Name + ": " + h.Value))}\n({Body.Length} body bytes) {Encoding.Latin1.GetString(Body.AsSpan(0, Math.Min(Body.Length, 300)))}";
}

/// <summary>
/// Mutated S3 requests from a seed: valid requests signed by the independent client-side signer
/// (src/Conformance SigV4), then bent at one or more places — authorization headers, presigned queries (SigV4 and
/// SigV2), POST forms and policies, aws-chunked framing, XML bodies, ranges, keys. HTTP framing stays valid
/// (Content-Length is always the body's length) so every answer must come from FakeS3 itself.
/// </summary>
public sealed class RequestFuzzer(Random random, Uri server, string bucket, string existingKey, string accessKey, string secret)
{
    static readonly string[] Oddities =
    [
        "", " ", "%", "%0", "%ZZ", "%00", "%0D%0A", "%FF", "%C3%28", "%F0%9F%98%80", "&", "=", "+", "?", "#", "/", "//", "..", "../",
        "\\", "*", "'", "\"", "<", ">", "]]>", "&amp;", "\u00e9", "\u20ac", "\U0001F600", "\u0001", "\t", "-1", "0", "99999999999999999999",
        "9223372036854775807", "-9223372036854775808", "1e309", "NaN", "null", "true", "[]", "{}", "99991231T235959Z", "00010101T000000Z",
        "19700101T000000Z", "20260229T250000Z", "AWS4-HMAC-SHA256", "UNSIGNED-PAYLOAD", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
    ];

    static readonly string[] Subresources =
        ["", "acl", "tagging", "cors", "uploads", "delete", "location", "versioning", "versions", "list-type=2", "uploadId=nope&partNumber=1",
         "partNumber=1", "partNumber=99999", "partNumber=-1", "attributes", "policy", "website", "max-keys=-1", "max-buckets=0",
         "continuation-token=", "continuation-token=%00", "list-type=2&continuation-token=djE6", "encoding-type=xml", "prefix=%00&delimiter=%FF",
         "response-content-type=%0D%0AX-Injected:%201", "response-cache-control=%00", "response-expires=%C3%A9", "versionId=null", "versionId=%00"];

    static readonly string[] XmlTemplates =
    [
        "<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>",
        "<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><MaxAgeSeconds>10</MaxAgeSeconds></CORSRule></CORSConfiguration>",
        "<Delete><Quiet>false</Quiet><Object><Key>a</Key></Object><Object><Key>b</Key><VersionId>x</VersionId></Object></Delete>",
        "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"abc\"</ETag></Part></CompleteMultipartUpload>",
        "<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>",
        "<AccessControlPolicy><Owner><ID>x</ID></Owner><AccessControlList><Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\"><ID>x</ID></Grantee><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>",
        "<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>",
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Tagging><TagSet><Tag><Key>&e;</Key><Value>v</Value></Tag></TagSet></Tagging>",
        "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]><Delete><Object><Key>&c;</Key></Object></Delete>",
    ];

    string Pick(IReadOnlyList<string> items) => items[random.Next(items.Count)];

    /// <summary>Inserts, replaces, deletes, duplicates or truncates at random places.</summary>
    public string Mutate(string text, int rounds = 1)
    {
        for (var i = 0; i < rounds; i++)
        {
            var at = text.Length == 0 ? 0 : random.Next(text.Length + 1);
            switch (random.Next(6))
            {
                case 0: text = text.Insert(at, Pick(Oddities)); break;
                case 1 when text.Length > 0: text = text.Remove(Math.Min(at, text.Length - 1), Math.Min(1 + random.Next(8), text.Length - Math.Min(at, text.Length - 1))); break;
                case 2 when text.Length > 0: text = text[..at] + Pick(Oddities) + text[Math.Min(text.Length, at + 1 + random.Next(4))..]; break;
                case 3: text = text[..at] + text[..at] + text[at..]; break;
                case 4: text = text[..at]; break;
                default: text = text.Insert(at, new string((char)random.Next(0x20, 0x7f), 1 + random.Next(3))); break;
            }
        }
        return text;
    }

    string OddKey()
    {
        var sb = new StringBuilder("k");
        var parts = random.Next(1, 6);
        for (var i = 0; i < parts; i++) sb.Append(random.Next(3) == 0 ? Pick(Oddities) : ((char)random.Next(0x21, 0x7e)).ToString());
        if (random.Next(8) == 0) PadToBytes(sb, 1_000 + random.Next(60));
        return sb.ToString();
    }

    static readonly string[] Fillers = ["x", "\u00e9", "\u20ac", "\U0001F600", "%", " "];

    /// <summary>Grows a key around S3's 1,024-byte limit (1,000–1,059 UTF-8 bytes, never splitting a surrogate pair):
    /// keys at the limit must be stored, keys past it answered KeyTooLongError.</summary>
    void PadToBytes(StringBuilder sb, int target)
    {
        var bytes = Encoding.UTF8.GetByteCount(sb.ToString());
        while (bytes < target)
        {
            var filler = Pick(Fillers);
            sb.Append(filler);
            bytes += Encoding.UTF8.GetByteCount(filler);
        }
    }

    static string Encode(string key) => SigV4.UriEncode(key, keepSlash: true);

    string ObjectPath(bool odd) => $"/{bucket}/{(odd ? Encode(OddKey()) : existingKey)}";

    public FuzzRequest Next()
    {
        var request = random.Next(8) switch
        {
            0 => PresignedV4(),
            1 => PresignedV2(),
            2 => AuthorizationHeader(),
            3 => PostForm(),
            4 => AwsChunked(),
            5 => XmlBody(),
            6 => Ranged(),
            _ => Unsigned(),
        };
        return request with { Target = TargetSafe(request.Target) };
    }

    /// <summary>Bytes Kestrel refuses in a request target (controls, spaces, non-ASCII, '#') are percent-encoded.</summary>
    static string TargetSafe(string target)
    {
        var sb = new StringBuilder(target.Length);
        foreach (var rune in target.EnumerateRunes())
        {
            if (rune.Value is > 0x20 and < 0x7f && rune.Value != '#') sb.Append((char)rune.Value);
            else foreach (var b in Encoding.UTF8.GetBytes(rune.ToString())) sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    List<(string, string)> BaseHeaders() => [("Host", $"{server.Host}:{server.Port}")];

    FuzzRequest PresignedV4()
    {
        var method = Pick(["GET", "PUT", "HEAD", "DELETE", "POST"]);
        var sub = random.Next(3) == 0 ? Pick(Subresources) : "";
        var path = random.Next(5) == 0 ? $"/{bucket}" : ObjectPath(random.Next(3) == 0);
        var url = new Uri(server, path + (sub.Length > 0 ? "?" + sub : ""));
        var now = DateTime.UtcNow;
        var spec = new PresignSpec
        {
            AccessKeyId = random.Next(10) == 0 ? Mutate(accessKey) : accessKey, Secret = secret, Region = random.Next(10) == 0 ? Mutate("us-east-1") : "us-east-1",
            Date = now, Method = method,
            Expires = random.Next(6) == 0 ? Pick(Oddities) : "300",
            AmzDateText = random.Next(6) == 0 ? Pick(["99991231T235959Z", "00010101T000000Z", Mutate(SigV4.AmzDate(now))]) : null,
            CredentialDate = random.Next(8) == 0 ? Pick(["99991231", "00010101", Mutate(SigV4.DateStamp(now))]) : null,
            ExtraQuery = random.Next(4) == 0 ? [new(Pick(["response-content-type", "response-cache-control", "response-expires", "response-content-disposition", "x-amz-checksum-crc32", "X-Amz-Security-Token", "x-id"]), Mutate("text/plain", 2))] : [],
        };
        var signed = SigV4.Presign(url, spec).PathAndQuery;
        var target = random.Next(3) == 0 ? MutateQuery(signed) : signed;
        var body = method is "PUT" or "POST" ? Encoding.UTF8.GetBytes(Mutate("object body", random.Next(3))) : [];
        return new("presigned-v4", method, target, BaseHeaders(), body, method == "PUT" && random.Next(2) == 0);
    }

    string MutateQuery(string target)
    {
        var q = target.IndexOf('?');
        if (q < 0) return target + "?" + Mutate("X-Amz-Signature=", 2);
        var parts = target[(q + 1)..].Split('&').ToList();
        var i = random.Next(parts.Count);
        switch (random.Next(4))
        {
            case 0: parts.RemoveAt(i); break;
            case 1: parts.Add(parts[i]); break;
            case 2: parts[i] = parts[i][..(parts[i].IndexOf('=') + 1)] + Uri.EscapeDataString(Pick(Oddities)); break;
            default: parts[i] = Mutate(parts[i], 2); break;
        }
        return target[..q] + "?" + string.Join('&', parts);
    }

    FuzzRequest PresignedV2()
    {
        var expires = random.Next(4) == 0 ? Pick(Oddities) : (DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 300).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = random.Next(2) == 0 ? "AAAAAAAAAAAAAAAAAAAAAAAAAAA=" : Mutate("bm90LWEtc2lnbmF0dXJl");
        var target = $"{ObjectPath(random.Next(3) == 0)}?AWSAccessKeyId={Uri.EscapeDataString(random.Next(5) == 0 ? Mutate(accessKey) : accessKey)}&Expires={Uri.EscapeDataString(expires)}&Signature={Uri.EscapeDataString(signature)}";
        if (random.Next(3) == 0) target = MutateQuery(target);
        return new("presigned-v2", Pick(["GET", "HEAD", "PUT"]), target, BaseHeaders(), [], false);
    }

    (List<(string, string)> Headers, string Target) SignHeaders(string method, string target, byte[] body, List<(string Name, string Value)> extra, string payloadHash)
    {
        using var message = new HttpRequestMessage(new HttpMethod(method), new Uri(server, target)) { Content = new ByteArrayContent(body) };
        foreach (var (name, value) in extra)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value)) message.Content.Headers.TryAddWithoutValidation(name, value);
        }
        SigV4.SignHeaders(message, new HeaderSignSpec { AccessKeyId = accessKey, Secret = secret, Region = "us-east-1", Date = DateTime.UtcNow, PayloadHash = payloadHash });
        var headers = BaseHeaders();
        foreach (var h in message.Headers) headers.Add((h.Key, string.Join(',', h.Value)));
        foreach (var h in message.Content.Headers) if (h.Key != "Content-Length") headers.Add((h.Key, string.Join(',', h.Value)));
        return (headers, target);
    }

    /// <summary>Replaces one header value (or adds the header) with a mutation: after signing, so most are rejected.</summary>
    void Bend(List<(string Name, string Value)> headers, string name, string value)
    {
        var i = headers.FindIndex(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        var bent = HeaderSafe(value);
        if (i < 0) headers.Add((name, bent));
        else headers[i] = (headers[i].Name, bent);
    }

    /// <summary>Control characters would be Kestrel's framing error, not FakeS3's: keep header values printable.</summary>
    static string HeaderSafe(string value) => new(value.Select(c => c is < ' ' or '\x7f' or > '\xff' ? '?' : c).ToArray());

    FuzzRequest AuthorizationHeader()
    {
        var method = Pick(["GET", "PUT", "HEAD", "DELETE"]);
        var target = ObjectPath(random.Next(3) == 0) + (random.Next(4) == 0 ? "?" + Pick(Subresources) : "");
        var body = method == "PUT" ? Encoding.UTF8.GetBytes("payload") : [];
        var (headers, _) = SignHeaders(method, target, body, [], random.Next(4) == 0 ? SigV4.Sha256Hex(body) : SigV4.UnsignedPayload);
        switch (random.Next(6))
        {
            case 0: Bend(headers, "Authorization", Mutate(headers.First(h => h.Item1 == "Authorization").Item2, 1 + random.Next(3))); break;
            case 1: Bend(headers, "x-amz-date", Pick(["99991231T235959Z", "00010101T000000Z", "Sun, 29 Nov 2026 09:04:02 +0000", Mutate("20260101T000000Z")])); break;
            case 2: Bend(headers, "x-amz-content-sha256", Mutate(SigV4.UnsignedPayload, 2)); break;
            case 3: Bend(headers, "Authorization", Pick(["AWS " + accessKey + ":" + Mutate("c2lnbmF0dXJl"), "AWS ", "AWS4-HMAC-SHA256", "Bearer x", Mutate("AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host, Signature=00", 3)])); break;
            case 4: headers.Add(("Authorization", "AWS4-HMAC-SHA256 Credential=x")); break;
            default: break;
        }
        return new("authorization", method, target, headers, body, method == "PUT" && random.Next(2) == 0);
    }

    FuzzRequest PostForm()
    {
        const string boundary = "----fuzzboundary";
        var now = DateTime.UtcNow;
        var policyJson = $"{{\"expiration\":\"{now.AddMinutes(5):yyyy-MM-ddTHH:mm:ssZ}\",\"conditions\":[{{\"bucket\":\"{bucket}\"}},[\"starts-with\",\"$key\",\"\"],[\"content-length-range\",0,1000],{{\"x-amz-algorithm\":\"AWS4-HMAC-SHA256\"}},{{\"x-amz-credential\":\"{accessKey}/{SigV4.DateStamp(now)}/us-east-1/s3/aws4_request\"}},{{\"x-amz-date\":\"{SigV4.AmzDate(now)}\"}}]}}";
        if (random.Next(2) == 0) policyJson = Mutate(policyJson, 1 + random.Next(4));
        var policy = random.Next(10) == 0 ? Mutate("eyJ9", 2) : Convert.ToBase64String(Encoding.UTF8.GetBytes(policyJson));
        var fields = new List<(string, string)>
        {
            ("key", random.Next(3) == 0 ? OddKey() : "uploads/${filename}"),
            ("x-amz-algorithm", "AWS4-HMAC-SHA256"),
            ("x-amz-credential", $"{accessKey}/{SigV4.DateStamp(now)}/us-east-1/s3/aws4_request"),
            ("x-amz-date", SigV4.AmzDate(now)),
            ("policy", policy),
            ("x-amz-signature", SigV4.PostSignature(policy, secret, SigV4.DateStamp(now), "us-east-1")),
        };
        if (random.Next(3) == 0) fields.Add((Pick(["success_action_status", "success_action_redirect", "Content-Type", "x-amz-checksum-crc32", "tagging", "acl", "x-amz-meta-a"]), Mutate("201", 2)));
        if (random.Next(4) == 0)
        {
            var i = random.Next(fields.Count);
            fields[i] = random.Next(2) == 0 ? (fields[i].Item1, Mutate(fields[i].Item2, 2)) : (Mutate(fields[i].Item1), fields[i].Item2);
        }
        var sb = new StringBuilder();
        foreach (var (name, value) in fields) sb.Append($"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
        var files = random.Next(10) == 0 ? random.Next(3) : 1;
        for (var i = 0; i < files; i++) sb.Append($"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{Mutate("f.txt")}\"\r\nContent-Type: text/plain\r\n\r\n{new string('x', random.Next(2000))}\r\n");
        sb.Append($"--{boundary}--\r\n");
        var form = sb.ToString();
        if (random.Next(4) == 0) form = Mutate(form, 1 + random.Next(4));
        var headers = BaseHeaders();
        headers.Add(("Content-Type", random.Next(8) == 0 ? HeaderSafe(Mutate("multipart/form-data; boundary=" + boundary)) : "multipart/form-data; boundary=" + boundary));
        return new("post-form", "POST", $"/{bucket}" + (random.Next(10) == 0 ? "/" + Encode(OddKey()) : ""), headers, Encoding.UTF8.GetBytes(form), random.Next(3) == 0);
    }

    FuzzRequest AwsChunked()
    {
        var data = new string('d', random.Next(1, 9000));
        var chunks = new StringBuilder();
        var remaining = data;
        while (remaining.Length > 0)
        {
            var n = Math.Min(remaining.Length, 1 + random.Next(9000));
            chunks.Append($"{n:x}\r\n{remaining[..n]}\r\n");
            remaining = remaining[n..];
        }
        var trailer = random.Next(2) == 0;
        chunks.Append(trailer ? "0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n" : "0\r\n\r\n");
        var body = chunks.ToString();
        if (random.Next(2) == 0) body = Mutate(body, 1 + random.Next(3));
        var extra = new List<(string, string)>
        {
            ("Content-Encoding", "aws-chunked"),
            ("x-amz-decoded-content-length", random.Next(4) == 0 ? Pick(Oddities) : data.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (trailer) extra.Add(("x-amz-trailer", random.Next(4) == 0 ? HeaderSafe(Pick(Oddities)) : "x-amz-checksum-crc32"));
        var mode = trailer ? "STREAMING-UNSIGNED-PAYLOAD-TRAILER" : Pick(["STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"]);
        var target = ObjectPath(random.Next(4) == 0) + (random.Next(6) == 0 ? "?uploadId=nope&partNumber=1" : "");
        var (headers, _) = SignHeaders("PUT", target, Encoding.Latin1.GetBytes(body), extra, mode);
        return new("aws-chunked", "PUT", target, headers, Encoding.Latin1.GetBytes(body), random.Next(2) == 0);
    }

    FuzzRequest XmlBody()
    {
        var xml = Pick(XmlTemplates);
        if (random.Next(3) != 0) xml = Mutate(xml, 1 + random.Next(4));
        if (random.Next(15) == 0) xml = string.Concat(Enumerable.Repeat("<a>", 3000)) + string.Concat(Enumerable.Repeat("</a>", 3000));
        var (method, target) = random.Next(7) switch
        {
            0 => ("PUT", ObjectPath(false) + "?tagging"),
            1 => ("PUT", $"/{bucket}?cors"),
            2 => ("POST", $"/{bucket}?delete"),
            3 => ("POST", ObjectPath(false) + "?uploadId=nope"),
            4 => ("PUT", $"/fuzz-new-{random.Next(1000)}"),
            5 => ("PUT", ObjectPath(false) + "?acl"),
            _ => ("PUT", $"/{bucket}?versioning"),
        };
        var body = Encoding.UTF8.GetBytes(xml);
        var extra = new List<(string, string)>();
        if (random.Next(2) == 0) extra.Add(("Content-MD5", Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(body))));
        var (headers, _) = SignHeaders(method, target, body, extra, random.Next(2) == 0 ? SigV4.Sha256Hex(body) : SigV4.UnsignedPayload);
        return new("xml-body", method, target, headers, body, false);
    }

    FuzzRequest Ranged()
    {
        var range = Pick(["bytes=0-0", "bytes=-1", "bytes=5-", "bytes=999999-", "bytes=-0", "bytes=0-1,3-4", "bytes=9223372036854775807-", "bytes=-9223372036854775808",
            "bytes=1-0", "bytes=", "items=0-1", Mutate("bytes=0-10", 2)]);
        var target = ObjectPath(false) + (random.Next(4) == 0 ? "?partNumber=" + Uri.EscapeDataString(Pick(["1", "2", "0", "10001", "-1", "x"])) : "");
        var extra = new List<(string, string)> { ("Range", HeaderSafe(range)) };
        if (random.Next(3) == 0) extra.Add((Pick(["If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since"]), HeaderSafe(Mutate("\"etag\"", 1))));
        var method = Pick(["GET", "HEAD"]);
        var (headers, _) = SignHeaders(method, target, [], extra, SigV4.UnsignedPayload);
        return new("range", method, target, headers, [], false);
    }

    FuzzRequest Unsigned()
    {
        var method = Pick(["GET", "PUT", "HEAD", "DELETE", "POST", "OPTIONS", "PATCH", "FOO"]);
        var target = random.Next(3) switch
        {
            0 => "/" + Encode(OddKey()),
            1 => ObjectPath(true) + "?" + Pick(Subresources),
            _ => "/" + Mutate(bucket + "/" + existingKey, 2).Replace("?", "%3F").Replace("#", "%23").Replace(" ", "%20"),
        };
        if (!target.StartsWith('/')) target = "/" + target;
        target = new string(target.Select(c => c is <= ' ' or >= '\x7f' ? '_' : c).ToArray());
        var headers = BaseHeaders();
        if (method == "OPTIONS")
        {
            headers.Add(("Origin", HeaderSafe(Mutate("https://example.test"))));
            headers.Add(("Access-Control-Request-Method", HeaderSafe(Pick(["GET", "PUT", Mutate("POST")]))));
        }
        var body = method is "PUT" or "POST" ? Encoding.UTF8.GetBytes(Mutate("body", 2)) : [];
        return new("unsigned", method, target, headers, body, method == "PUT" && random.Next(2) == 0);
    }
}
