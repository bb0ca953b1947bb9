using System.Text;

namespace FakeS3.Diagnostics;

/// <summary>
/// Request targets for logs: signature values (X-Amz-Signature, SigV2 Signature) and session tokens are cut
/// to a short prefix, so a log never holds a replayable URL.
/// </summary>
public static class TargetRedaction
{
    static readonly string[] Redacted = ["X-Amz-Signature", "Signature", "X-Amz-Security-Token"];
    const int KeptPrefix = 8;

    /// <summary>Runs for every logged request: returns the target itself when nothing needs cutting.</summary>
    public static string Redact(string rawTarget)
    {
        var q = rawTarget.IndexOf('?');
        if (q < 0 || !HasRedactedParameter(rawTarget.AsSpan(q + 1))) return rawTarget;
        var sb = new StringBuilder(rawTarget.Length);
        sb.Append(rawTarget, 0, q + 1);
        var query = rawTarget.AsSpan(q + 1);
        var first = true;
        foreach (var range in query.Split('&'))
        {
            var part = query[range];
            if (!first) sb.Append('&');
            first = false;
            var eq = part.IndexOf('=');
            if (eq < 0 || !IsRedacted(part[..eq]))
            {
                sb.Append(part);
                continue;
            }
            var value = part[(eq + 1)..];
            sb.Append(part[..eq]).Append('=').Append(value.Length <= KeptPrefix ? [] : value[..KeptPrefix]).Append("...");
        }
        return sb.ToString();
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

    static bool IsRedacted(ReadOnlySpan<char> name)
    {
        foreach (var r in Redacted)
        {
            if (name.Equals(r, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
