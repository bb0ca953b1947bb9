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

    public static string Redact(string rawTarget)
    {
        var q = rawTarget.IndexOf('?');
        if (q < 0) return rawTarget;
        var sb = new StringBuilder(rawTarget.Length);
        sb.Append(rawTarget, 0, q + 1);
        var first = true;
        foreach (var part in rawTarget[(q + 1)..].Split('&'))
        {
            if (!first) sb.Append('&');
            first = false;
            var eq = part.IndexOf('=');
            var name = eq < 0 ? part : part[..eq];
            if (eq < 0 || !Redacted.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                sb.Append(part);
                continue;
            }
            var value = part[(eq + 1)..];
            sb.Append(name).Append('=').Append(value.Length <= KeptPrefix ? "" : value[..KeptPrefix]).Append("...");
        }
        return sb.ToString();
    }
}
