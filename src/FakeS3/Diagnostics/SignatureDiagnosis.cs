using System.Text;

namespace FakeS3.Diagnostics;

/// <summary>
/// Explains a SigV4 SignatureDoesNotMatch by re-signing variants of FakeS3's CanonicalRequest with the
/// secret and checking which one reproduces the presented signature: another Host, a re-encoded path or
/// query, a changed header, another credential. A match only names the cause: the request is still rejected
/// (FakeS3 never retries hosts or ports to accept a request, spec §6.6). Pure: no I/O, no clock.
/// </summary>
internal static class SignatureDiagnosis
{
    static readonly string[] HostNames = ["localhost", "127.0.0.1", "[::1]", "host.docker.internal"];
    static readonly string[] Ports = ["", "80", "443", "4566", "4568", "9000"];

    public static SignatureDiagnosisResult Diagnose(SignatureDiagnosisInput input)
    {
        var cr = CanonicalRequestText.TryParse(input.CanonicalRequest);
        var sts = input.StringToSign.Split('\n');
        var scope = sts.Length == 4 ? sts[2].Split('/') : [];
        if (cr is null || scope.Length != 4) return Unknown(input, null, 0);
        var key = SigV4Primitives.SigningKey(input.SecretAccessKey, scope[0], scope[1], scope[2]);
        bool Matches(CanonicalRequestText variant, byte[]? k = null) =>
            SigV4Primitives.HmacHex(k ?? key, $"{sts[0]}\n{sts[1]}\n{sts[2]}\n{SigV4Primitives.Sha256Hex(variant.Render())}") == input.ProvidedSignature;
        var tried = 0;

        if (cr.Header("host") is { } host)
        {
            foreach (var candidate in HostCandidates(host, input.BaseDomain))
            {
                tried++;
                if (Matches(cr.WithHeader("host", candidate)))
                    return new(SignatureCause.HostMismatch,
                        $"The URL was signed for host '{candidate}' but arrived with Host '{host}'. The signature covers the Host header, so FakeS3 (like S3) rejects it and does not accept the other host either. " +
                        $"Send the request to {candidate}, or presign against the endpoint the caller really uses (e.g. ServiceURL http://{host}); behind docker, presign with the public name, not the service name.");
            }
        }
        foreach (var (variant, how) in UrlVariants(cr, input))
        {
            tried++;
            if (Matches(variant))
                return new(SignatureCause.UrlReencoded,
                    $"The signature matches the URL with {how}: the URL was re-encoded between signing and sending. Send the URL byte for byte as the signer produced it (do not decode/re-encode it, do not turn %20 into '+').");
        }
        foreach (var (variant, name, signedValue) in HeaderVariants(cr))
        {
            tried++;
            if (Matches(variant))
                return new(SignatureCause.HeaderChanged,
                    $"The header '{name}' was changed after signing: the signature matches '{name}: {signedValue}', but the request sent '{name}: {cr.Header(name)}'. Send signed headers exactly as signed (HTTP clients often append '; charset=...' to Content-Type).");
        }
        var missing = cr.Headers.Where(h => h.Value.Length == 0).Select(h => h.Name).ToList();
        if (missing.Count > 0)
            return new(SignatureCause.HeaderChanged,
                $"SignedHeaders lists {string.Join(", ", missing.Select(m => $"'{m}'"))} but the request carries no value for it: the request was signed with the header and sent without it. Send every signed header with the value it was signed with.");
        foreach (var (otherKey, otherSecret) in input.OtherCredentials)
        {
            tried++;
            if (Matches(cr, SigV4Primitives.SigningKey(otherSecret, scope[0], scope[1], scope[2])))
                return new(SignatureCause.OtherCredential,
                    $"The signature was made with the secret of access key '{otherKey}', but the credential names '{input.AccessKeyId}'. Use one key pair consistently.");
        }
        return Unknown(input, cr, tried);
    }

    static SignatureDiagnosisResult Unknown(SignatureDiagnosisInput input, CanonicalRequestText? cr, int tried)
    {
        var signed = cr is null ? "" : string.Join(", ", cr.Headers.Select(h => h.Name).Where(n => n != "host"));
        var sb = new StringBuilder();
        sb.Append($"No variant reproduces the signature ({tried} tried: other Host names and ports, re-encoded path and query, header normalisations, other configured keys). ");
        sb.Append($"Most likely the secret the client used for access key '{input.AccessKeyId}' is not the one FakeS3 has (FakeS3:Credentials)");
        sb.Append(signed.Length > 0 ? $", or a signed header ({signed}) was changed after signing" : "");
        sb.Append(", or the URL/signature was altered. Compare your signer's CanonicalRequest and StringToSign with FakeS3's.");
        return new(SignatureCause.WrongSecretOrTampered, sb.ToString());
    }

    /// <summary>localhost ↔ 127.0.0.1 ↔ [::1] ↔ base domain, with the received port, without a port, with common ports.</summary>
    internal static IEnumerable<string> HostCandidates(string host, string baseDomain)
    {
        var colon = host.LastIndexOf(':');
        var (name, port) = colon > 0 && !host.EndsWith(']') ? (host[..colon], host[(colon + 1)..]) : (host, "");
        var names = new List<string> { name };
        names.AddRange(HostNames);
        names.Add(baseDomain);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { host };
        foreach (var n in names)
        {
            foreach (var p in Ports.Prepend(port))
            {
                var candidate = p.Length == 0 ? n : $"{n}:{p}";
                if (seen.Add(candidate)) yield return candidate;
            }
        }
    }

    static IEnumerable<(CanonicalRequestText, string)> UrlVariants(CanonicalRequestText cr, SignatureDiagnosisInput input)
    {
        var presigned = input.RawQuery.Contains("X-Amz-Signature=", StringComparison.Ordinal);
        yield return (cr with { Uri = input.RawPath }, "the path exactly as received (not normalised)");
        yield return (cr with { Uri = SigV4Primitives.UriEncode(SigV4Primitives.PercentDecode(input.RawPath, plusIsSpace: true), keepSlash: true) }, "'+' in the path read as a space (the signer had a space, sent as '+')");
        yield return (cr with { Uri = SigV4Primitives.UriEncode(Encoding.UTF8.GetBytes(cr.Uri), keepSlash: true) }, "the path percent-encoded twice (a generic SigV4 signer double-encodes; S3 does not)");
        yield return (cr with { Uri = SigV4Primitives.UriEncode(SigV4Primitives.PercentDecode(Encoding.UTF8.GetString(SigV4Primitives.PercentDecode(input.RawPath))), keepSlash: true) }, "the path decoded twice (it was percent-encoded twice after signing)");
        if (input.RawQuery.Length == 0) yield break;
        yield return (cr with { Query = CanonicalQuery(input.RawQuery, presigned, plusIsSpace: true, decodeTwice: false) }, "'+' in the query read as a space");
        yield return (cr with { Query = CanonicalQuery(input.RawQuery, presigned, plusIsSpace: false, decodeTwice: true) }, "the query decoded twice (it was percent-encoded twice after signing)");
    }

    static string CanonicalQuery(string rawQuery, bool presigned, bool plusIsSpace, bool decodeTwice)
    {
        string Enc(string raw)
        {
            var bytes = SigV4Primitives.PercentDecode(raw, plusIsSpace);
            if (decodeTwice) bytes = SigV4Primitives.PercentDecode(Encoding.UTF8.GetString(bytes), plusIsSpace);
            return SigV4Primitives.UriEncode(bytes, keepSlash: false);
        }
        var pairs = rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.IndexOf('=') is var eq && eq < 0 ? (Name: p, Value: "") : (Name: p[..eq], Value: p[(eq + 1)..]))
            .Where(p => !(presigned && Signing.UriEncoding.Decode(p.Name) == Signing.SigV4Constants.XAmzSignature))
            .Select(p => (Name: Enc(p.Name), Value: Enc(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join('&', pairs.Select(p => p.Name + "=" + p.Value));
    }

    /// <summary>Values a header plausibly had when signed: without parameters (charset), first of several values.</summary>
    static IEnumerable<(CanonicalRequestText, string Name, string SignedValue)> HeaderVariants(CanonicalRequestText cr)
    {
        foreach (var (name, value) in cr.Headers)
        {
            if (name == "host") continue;
            var candidates = new List<string>();
            if (value.Contains(';')) candidates.Add(value[..value.IndexOf(';')].Trim());
            if (value.Contains(',')) candidates.Add(value[..value.IndexOf(',')].Trim());
            if (name == "content-type" && !value.Contains("charset", StringComparison.OrdinalIgnoreCase)) candidates.Add(value + "; charset=utf-8");
            foreach (var c in candidates.Distinct())
                yield return (cr.WithHeader(name, c), name, c);
        }
    }
}
