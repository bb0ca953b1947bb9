using System.Text;
using System.Text.RegularExpressions;
using FakeS3.Hosting;
using FakeS3.Signing;
using Microsoft.AspNetCore.Http;

namespace FakeS3.Diagnostics;

/// <summary>
/// Keeps secrets out of everything FakeS3 shows besides S3's own error XML (request log, explanations, the
/// x-fakes3-explanation header, the server log, the admin API): session tokens and signatures from the
/// query (whatever the encoding of the parameter name), the headers and POST fields, plus the configured
/// secret keys and session tokens. Known values are replaced wherever they appear (as sent, decoded or
/// URI-encoded, and inside base64 text); session-token fields are also cut by shape, for tokens FakeS3 was
/// not told about (a policy condition naming another token). Only rejection paths pay for this.
/// </summary>
internal static partial class SecretRedaction
{
    const int KeptPrefix = 8;
    public const string Cut = "...";

    /// <summary>A signature or token cut to a short prefix (a secret key keeps nothing).</summary>
    public static string Mask(string secret, bool keepPrefix = true) =>
        keepPrefix && secret.Length > 2 * KeptPrefix ? secret[..KeptPrefix] + Cut : "[redacted]";

    /// <summary>Every secret this request presented, and the configured ones.</summary>
    public static IReadOnlyList<(string Value, bool KeepPrefix)> SecretsOf(HttpContext http, FakeS3Options options)
    {
        var list = new List<(string, bool)>();
        void Add(string? v, bool keep = true)
        {
            if (!string.IsNullOrEmpty(v) && v.Length >= 4) list.Add((v, keep));
        }
        var request = http.Request;
        var rawQuery = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        foreach (var p in ParsedQuery.Parse(rawQuery).Parameters)
        {
            if (IsSecretParameter(p.Name)) Add(p.Value);
        }
        Add(request.Headers[SigV4Constants.HeaderSecurityToken].ToString());
        Add(AuthorizationSignature(request.Headers.Authorization.ToString()));
        foreach (var v in http.Features.Get<PresentedSecrets>()?.Values ?? []) Add(v);
        return With(list, [], options);
    }

    /// <summary><paramref name="presented"/> values (signatures, tokens) plus the configured secrets.</summary>
    public static IReadOnlyList<(string Value, bool KeepPrefix)> With(List<(string, bool)> list, IEnumerable<string?> presented, FakeS3Options options)
    {
        foreach (var v in presented)
        {
            if (v is { Length: >= 4 }) list.Add((v, true));
        }
        foreach (var c in options.EffectiveCredentials)
        {
            if (c.SecretAccessKey.Length >= 4) list.Add((c.SecretAccessKey, false));
            if (c.SessionToken is { Length: >= 4 }) list.Add((c.SessionToken, true));
        }
        return list;
    }

    /// <summary>
    /// Query parameters whose values are secret, by decoded name, any case, anywhere in the name (S3 matches the
    /// exact name; redaction errs wide): "X-Amz-Signature%00" or " Signature" carry a valid signature that only
    /// needs its name repaired to replay.
    /// </summary>
    public static bool IsSecretParameter(ReadOnlySpan<char> decodedName) =>
        decodedName.Contains(SigV2Authentication.SignatureParameter, StringComparison.OrdinalIgnoreCase) // X-Amz-Signature too
        || decodedName.Contains("security-token", StringComparison.OrdinalIgnoreCase);

    /// <summary>The signature part of "AWS4-HMAC-SHA256 ..., Signature=hex" or "AWS AKID:base64".</summary>
    static string? AuthorizationSignature(string authorization)
    {
        var i = authorization.IndexOf("Signature=", StringComparison.Ordinal);
        if (i >= 0) return authorization[(i + "Signature=".Length)..].Split(',')[0].Trim();
        if (authorization.StartsWith("AWS ", StringComparison.Ordinal) && authorization.LastIndexOf(':') is var colon and > 0)
            return authorization[(colon + 1)..].Trim();
        return null;
    }

    public static string? Scrub(string? text, IReadOnlyList<(string Value, bool KeepPrefix)> secrets)
    {
        if (string.IsNullOrEmpty(text)) return text;
        foreach (var (value, keep) in secrets)
        {
            var mask = Mask(value, keep);
            text = text.Replace(value, mask, StringComparison.Ordinal);
            var encoded = UriEncoding.Encode(value);
            if (encoded != value) text = text.Replace(encoded, mask, StringComparison.Ordinal);
        }
        text = TokenHeaderLine().Replace(text, MaskValueGroup);
        text = TokenQueryParameter().Replace(text, MaskValueGroup);
        text = TokenJsonValue().Replace(text, MaskValueGroup);
        return HidesSecretInBase64(text, secrets) ? "[redacted: base64 text that holds a secret]" : text;
    }

    /// <summary>Group 2 of a token-shaped match, unless a known value was already cut there.</summary>
    static string MaskValueGroup(Match m)
    {
        var value = m.Groups[2].Value;
        return m.Groups[1].Value + (value.EndsWith(Cut, StringComparison.Ordinal) || value.StartsWith("[redacted", StringComparison.Ordinal) ? value : Mask(value));
    }

    /// <summary>A POST policy (the StringToSign of a form) is base64 JSON, often with the session token inside.</summary>
    static bool HidesSecretInBase64(string text, IReadOnlyList<(string Value, bool KeepPrefix)> secrets)
    {
        if (text.Length < 16 || text.Length % 4 != 0) return false;
        var bytes = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64String(text, bytes, out var n)) return false;
        var decoded = Encoding.UTF8.GetString(bytes, 0, n);
        return decoded.Contains("x-amz-security-token", StringComparison.OrdinalIgnoreCase)
            || secrets.Any(s => decoded.Contains(s.Value, StringComparison.Ordinal));
    }

    // "x-amz-security-token:VALUE" (canonical header lines, SigV2 StringToSign)
    [GeneratedRegex(@"(?im)(x-amz-security-token:[ \t]*)([^\s\\]{4,})")]
    private static partial Regex TokenHeaderLine();

    // "X-Amz-Security-Token=VALUE" (canonical query, request targets), the name possibly percent-encoded
    [GeneratedRegex(@"(?i)((?:x|%58)-(?:a|%41)mz-security-token=)([^&\s]{4,})")]
    private static partial Regex TokenQueryParameter();

    // {"x-amz-security-token": "VALUE"} and ["eq", "$x-amz-security-token", "VALUE"] (policies, policy messages)
    [GeneratedRegex(@"(?i)(""\$?x-amz-security-token""\s*[:,]\s*"")([^""]{4,})")]
    private static partial Regex TokenJsonValue();
}
