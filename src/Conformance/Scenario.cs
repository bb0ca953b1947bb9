namespace FakeS3.Conformance;

/// <summary>One behaviour of real S3, phrased as a sentence ("rejects an expired presigned GET"), with what S3 answers and how to provoke it.</summary>
public sealed record Scenario(string Name, string Area, string Evidence, Expected Expected, Func<ScenarioContext, Task<Observation>> Run)
{
    /// <summary>The spec has no source for the expectation; one run against real S3 settles it.</summary>
    public bool Unconfirmed { get; init; } = Evidence.Contains("UNCONFIRMED", StringComparison.Ordinal);

    /// <summary>The scenario expects S3 to refuse the request (4xx/5xx).</summary>
    public bool IsRejection => Expected.Status >= 400;

    public override string ToString() => $"[{Area}] {Name}";
}

/// <summary>What real S3 does: status, error code, message, extra &lt;Error&gt; elements, headers and the stored state afterwards.</summary>
public sealed record Expected(int Status, string? Code = null, string? Message = null)
{
    /// <summary>Extra elements of &lt;Error&gt;; a null value means "present, any value".</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Details { get; init; } = [];

    /// <summary>Response headers; a null value means "present, any value".</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Headers { get; init; } = [];

    /// <summary>Response headers that must be absent.</summary>
    public IReadOnlyList<string> AbsentHeaders { get; init; } = [];

    /// <summary>Stored state afterwards, in words (checked by the scenario's steps; failures land in <see cref="Observation.Problems"/>).</summary>
    public string? State { get; init; }

    public Expected With(string element, string? value = null) => this with { Details = [.. Details, new(element, value)] };
    public Expected Header(string name, string? value = null) => this with { Headers = [.. Headers, new(name, value)] };
    public Expected NoHeader(string name) => this with { AbsentHeaders = [.. AbsentHeaders, name] };
    public Expected Stored(string state) => this with { State = state };

    public override string ToString()
    {
        var parts = new List<string> { Status.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (Code is not null) parts.Add(Code);
        if (Message is not null) parts.Add($"\"{Message}\"");
        parts.AddRange(Details.Select(d => d.Value is null ? $"<{d.Key}>" : $"<{d.Key}>{d.Value}"));
        parts.AddRange(Headers.Select(h => h.Value is null ? $"{h.Key}: *" : $"{h.Key}: {h.Value}"));
        parts.AddRange(AbsentHeaders.Select(h => $"no {h}"));
        if (State is not null) parts.Add($"state: {State}");
        return string.Join(" ", parts);
    }
}

/// <summary>Shortcuts for the catalogue: <c>Expect.Error(403, "AccessDenied", "Request has expired").With("Expires")</c>.</summary>
public static class Expect
{
    public static Expected Status(int status) => new(status);
    public static Expected Error(int status, string code, string? message = null) => new(status, code, message);
}
