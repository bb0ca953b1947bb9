using System.Net;
using FakeS3.Conformance.Assertions;

namespace FakeS3.Conformance;

/// <summary>What the target actually answered, plus any stored-state check that failed.</summary>
public sealed class Observation
{
    public int Status { get; init; }
    public string? Code { get; init; }
    public string? Message { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>> Details { get; init; } = [];
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    public string Body { get; init; } = "";
    public string? RequestId { get; init; }
    public string? HostId { get; init; }

    /// <summary>Failed state checks ("object was stored although the request was rejected").</summary>
    public List<string> Problems { get; } = [];

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
    public string? Detail(string name) => Details.FirstOrDefault(d => d.Key == name).Value;

    /// <summary>Records a problem unless <paramref name="ok"/>; returns this for chaining.</summary>
    public Observation Check(bool ok, string problem)
    {
        if (!ok) Problems.Add(problem);
        return this;
    }

    public static async Task<Observation> FromResponseAsync(HttpResponseMessage response, CancellationToken ct = default)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var h in response.Headers.Concat(response.Content.Headers))
            headers[h.Key] = string.Join(", ", h.Value);
        var error = S3ErrorResponse.TryParse(body);
        return new Observation
        {
            Status = (int)response.StatusCode,
            Code = error?.Code,
            Message = error?.Message,
            Details = error?.Details ?? [],
            RequestId = error?.RequestId,
            HostId = error?.HostId,
            Headers = headers,
            Body = body,
        };
    }

    /// <summary>An SDK call that threw: status and code only (the SDK keeps no extras).</summary>
    public static Observation FromSdk(Amazon.Runtime.AmazonServiceException ex) => new()
    {
        Status = (int)ex.StatusCode,
        Code = ex.ErrorCode,
        Message = ex.Message,
        RequestId = ex.RequestId,
    };

    public static Observation Ok(HttpStatusCode status, IReadOnlyDictionary<string, string>? headers = null) => new()
    {
        Status = (int)status,
        Headers = headers ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase),
    };

    public override string ToString()
    {
        var parts = new List<string> { Status.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (Code is not null) parts.Add(Code);
        if (Message is not null) parts.Add($"\"{Message}\"");
        parts.AddRange(Details.Select(d => $"<{d.Key}>{Truncate(d.Value)}"));
        parts.AddRange(Problems.Select(p => $"problem: {p}"));
        return string.Join(" ", parts);
    }

    static string Truncate(string s) => s.Length > 80 ? s[..77] + "..." : s;
}
