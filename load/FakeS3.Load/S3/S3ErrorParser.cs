using System.Text.RegularExpressions;

namespace FakeS3.Load.S3;

/// <summary>Reads the <c>&lt;Code&gt;</c> of an S3 <c>&lt;Error&gt;</c> body; errors are classified by status + code.</summary>
public static partial class S3ErrorParser
{
    /// <summary>Only the start of an error body is read: the code comes first in every S3 error document.</summary>
    public const int MaxBodyBytes = 4096;

    public static string? ParseCode(ReadOnlySpan<char> body)
    {
        foreach (var match in CodeRegex().EnumerateMatches(body))
        {
            var m = body.Slice(match.Index, match.Length);
            return m["<Code>".Length..^"</Code>".Length].Trim().ToString();
        }
        return null;
    }

    /// <summary>Reads up to <see cref="MaxBodyBytes"/> of the response and returns the S3 code, or "" when there is none.</summary>
    public static async Task<(string Code, long BytesRead)> ReadCodeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var buffer = new byte[MaxBodyBytes];
        int total = 0;
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), ct)) > 0)
            total += read;
        long drained = await DrainAsync(stream, ct);
        var text = System.Text.Encoding.UTF8.GetString(buffer, 0, total);
        return (ParseCode(text) ?? "", total + drained);
    }

    private static async Task<long> DrainAsync(Stream stream, CancellationToken ct)
    {
        var scratch = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(scratch, ct)) > 0) total += read;
        return total;
    }

    [GeneratedRegex("<Code>[^<]*</Code>", RegexOptions.CultureInvariant)]
    private static partial Regex CodeRegex();
}
