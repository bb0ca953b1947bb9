namespace FakeS3.Diagnostics;

/// <summary>
/// Request targets for logs: signature values (X-Amz-Signature, SigV2 Signature) and session tokens are cut
/// to a short prefix, so a log never holds a replayable URL. Parameter names are matched after
/// percent-decoding, as the authenticator reads them ("X-Amz-Signatur%65" is X-Amz-Signature).
/// </summary>
internal static class TargetRedaction
{
    const int KeptPrefix = 8;
    const string Cut = SecretRedaction.Cut;

    /// <summary>Runs for every logged request: returns the target itself when nothing needs cutting, else one string.</summary>
    public static string Redact(string rawTarget)
    {
        var q = rawTarget.IndexOf('?');
        if (q < 0 || !HasRedactedParameter(rawTarget.AsSpan(q + 1))) return rawTarget;
        var length = q + 1;
        var query = rawTarget.AsSpan(q + 1);
        foreach (var range in query.Split('&')) length += RedactedLength(query[range]) + 1;
        return string.Create(length - 1, (rawTarget, q), static (destination, state) =>
        {
            var (target, q) = state;
            target.AsSpan(0, q + 1).CopyTo(destination);
            var at = q + 1;
            var query = target.AsSpan(q + 1);
            var first = true;
            foreach (var range in query.Split('&'))
            {
                if (!first) destination[at++] = '&';
                first = false;
                at += WriteRedacted(query[range], destination[at..]);
            }
        });
    }

    static int RedactedLength(ReadOnlySpan<char> part)
    {
        var eq = part.IndexOf('=');
        if (eq < 0 || !IsRedacted(part[..eq])) return part.Length;
        return eq + 1 + (part.Length - eq - 1 <= KeptPrefix ? 0 : KeptPrefix) + Cut.Length;
    }

    /// <summary>name=value, or name=&lt;first 8 characters&gt;... for a redacted parameter.</summary>
    static int WriteRedacted(ReadOnlySpan<char> part, Span<char> destination)
    {
        var eq = part.IndexOf('=');
        if (eq < 0 || !IsRedacted(part[..eq]))
        {
            part.CopyTo(destination);
            return part.Length;
        }
        var value = part[(eq + 1)..];
        var kept = value.Length <= KeptPrefix ? 0 : KeptPrefix;
        part[..(eq + 1 + kept)].CopyTo(destination);
        Cut.CopyTo(destination[(eq + 1 + kept)..]);
        return eq + 1 + kept + Cut.Length;
    }

    static bool HasRedactedParameter(ReadOnlySpan<char> query)
    {
        foreach (var range in query.Split('&'))
        {
            var part = query[range];
            var eq = part.IndexOf('=');
            if (eq >= 0 && IsRedacted(part[..eq])) return true;
        }
        return false;
    }

    static bool IsRedacted(ReadOnlySpan<char> name) =>
        SecretRedaction.IsSecretParameter(name.Contains('%') ? Signing.UriEncoding.Decode(name) : name);
}
