namespace FakeS3.Conformance.Scenarios;

/// <summary>Spec §6.6: the signature covers Host exactly as the signer wrote it (docker service name vs localhost, ports).</summary>
public static class HostHeaderTrap
{
    const string Area = "HostHeaderTrap";
    const string SigMismatch = "The request signature we calculated does not match the signature you provided. Check your key and signing method.";

    static Scenario S(string name, string evidence, Expected expected, Func<ScenarioContext, Task<Observation>> run) => new(name, Area, evidence, expected, run);

    /// <summary>Another spelling of the same host: localhost ↔ 127.0.0.1, else a different name.</summary>
    static string OtherHost(Uri url)
    {
        var host = url.Host switch { "127.0.0.1" => "localhost", "localhost" => "127.0.0.1", var h => "other-" + h };
        return url.IsDefaultPort ? host : $"{host}:{url.Port}";
    }

    static async Task<Observation> SignedForHostAsync(ScenarioContext ctx, Func<Uri, string> signingHost, Action<HttpRequestMessage>? before = null)
    {
        var key = await ctx.SharedObjectAsync();
        var url = ctx.ObjectUri(key);
        var signed = Signing.SigV4.Presign(url, ctx.PresignSpec() with { HostForSigning = signingHost(url) });
        var request = new HttpRequestMessage(HttpMethod.Get, signed);
        before?.Invoke(request);
        var o = await ctx.Raw.SendAsync(request, ctx.CancellationToken);
        var hostLine = "host:" + Signing.SigV4.HostHeader(url) + "\n";
        return o.Status == 403 ? o.Check(o.Detail("CanonicalRequest")?.Contains(hostLine, StringComparison.Ordinal) == true, $"CanonicalRequest does not show the received \"{hostLine.TrimEnd()}\"") : o;
    }

    public static IEnumerable<Scenario> All()
    {
        yield return S("accepts a presigned URL fetched with the Host it was signed for", "[SDK][WIRE]",
            Expect.Status(200), ctx => SignedForHostAsync(ctx, Signing.SigV4.HostHeader));

        yield return S("rejects a URL presigned for another host name (docker service vs localhost) and shows the received host line", "[WIRE][DERIVED]",
            Expect.Error(403, "SignatureDoesNotMatch", SigMismatch).With("CanonicalRequest"), ctx => SignedForHostAsync(ctx, OtherHost));

        yield return S("rejects a URL whose signer dropped (or added) the port", "[WIRE]",
            Expect.Error(403, "SignatureDoesNotMatch", SigMismatch).With("CanonicalRequest"),
            ctx => SignedForHostAsync(ctx, u => u.IsDefaultPort ? $"{u.Host}:{u.Port}" : u.Host));

        yield return S("does not use X-Forwarded-Host to verify the signature", "[DERIVED]",
            Expect.Error(403, "SignatureDoesNotMatch", SigMismatch),
            ctx => SignedForHostAsync(ctx, _ => "public.example.test:9000", r => r.Headers.TryAddWithoutValidation("X-Forwarded-Host", "public.example.test:9000")));
    }
}
