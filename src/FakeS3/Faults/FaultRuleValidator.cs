using FakeS3.Http;

namespace FakeS3.Faults;

/// <summary>
/// Checks a <see cref="FaultRule"/> the same way for all three sources. Each problem starts with the property
/// name, so configuration errors read "FakeS3:Faults:0:Error ..." and admin errors "Error ...".
/// </summary>
internal static class FaultRuleValidator
{
    public const int MaxLatencyMs = 300_000;

    static readonly string[] Methods = ["GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS"];

    public static IReadOnlyList<string> Validate(FaultRule rule)
    {
        var problems = new List<string>();
        if (rule.Id is { } id && (id.Length is 0 or > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            problems.Add($"Id '{id}' must be 1-64 characters of letters, digits, '-', '_' or '.'.");
        if (rule.Operation is { } op && ParseOperation(op) is null)
            problems.Add($"Operation '{op}' is not an S3 operation FakeS3 serves (e.g. PutObject, UploadPart, GetObject, PostObject).");
        if (rule.Method is { } m && !Methods.Contains(m, StringComparer.OrdinalIgnoreCase))
            problems.Add($"Method '{m}' must be one of {string.Join(", ", Methods)}.");
        if (rule.Bucket is "") problems.Add("Bucket must not be empty (leave it out to match every bucket).");
        if (!Enum.IsDefined(rule.Auth)) problems.Add($"Auth '{rule.Auth}' must be Any, Presigned, PostForm or HeaderSigned.");
        ValidateFrequency(rule, problems);
        ValidateEffects(rule, problems);
        return problems;
    }

    /// <summary>The operation a rule names (case-insensitive), or null.</summary>
    public static S3Operation? ParseOperation(string name) =>
        Enum.TryParse<S3Operation>(name, ignoreCase: true, out var op) && op != S3Operation.NotImplemented && Enum.IsDefined(op) && !char.IsDigit(name[0])
            ? op : null;

    static void ValidateFrequency(FaultRule rule, List<string> problems)
    {
        if (rule.Times is < 1) problems.Add("Times must be at least 1.");
        if (rule.Every is < 1) problems.Add("Every must be at least 1.");
        if (rule.Probability is { } p && (double.IsNaN(p) || p is < 0 or > 1)) problems.Add("Probability must be between 0 and 1.");
        if (rule.Every is not null && rule.Probability is not null) problems.Add("Every and Probability exclude each other: pick one.");
        if (rule.Seed is not null && rule.Probability is null) problems.Add("Seed needs Probability.");
    }

    static void ValidateEffects(FaultRule rule, List<string> problems)
    {
        if (rule.Error is { } e && !FaultErrors.IsKnown(e))
            problems.Add($"Error '{e}' is not one of {string.Join(", ", FaultErrors.Names)}.");
        if (rule.ErrorAfterBody && rule.Error is null) problems.Add("ErrorAfterBody needs Error (the answer once the body is read).");
        if (rule.RetryAfterSeconds is { } ra && (ra < 0 || !IsThrottling(rule.Error)))
            problems.Add("RetryAfterSeconds needs Error SlowDown or ServiceUnavailable and must not be negative.");
        if (rule.LatencyMs is < 0 or > MaxLatencyMs) problems.Add($"LatencyMs must be between 0 and {MaxLatencyMs}.");
        if (rule.BytesPerSecond is < 1) problems.Add("BytesPerSecond must be at least 1.");
        if (rule.ResetAfterBytes is < 0) problems.Add("ResetAfterBytes must not be negative.");
        if (rule.ResetAfterBytes is not null)
        {
            // A reset after the handler ran would leave a write stored behind a failed request: reads only.
            if (rule.Method is { } m && !m.Equals("GET", StringComparison.OrdinalIgnoreCase))
                problems.Add("ResetAfterBytes applies to GET responses only (a write would already be stored): Method must be GET.");
            if (rule.Operation is { } op && ParseOperation(op) is { } o && !IsRead(o))
                problems.Add($"ResetAfterBytes applies to GET responses only (a write would already be stored): {o} is not a read.");
        }
        var outcomes = (rule.Error is null ? 0 : 1) + (rule.ResetConnection ? 1 : 0)
            + (rule.BytesPerSecond is null && rule.ResetAfterBytes is null ? 0 : 1);
        if (outcomes > 1)
            problems.Add("Error, ResetConnection and the body effects (BytesPerSecond, ResetAfterBytes) exclude each other; LatencyMs combines with any.");
        if (outcomes == 0 && rule.LatencyMs is null)
            problems.Add("Error, LatencyMs, BytesPerSecond, ResetConnection or ResetAfterBytes: a rule needs at least one effect.");
    }

    static bool IsThrottling(string? error) =>
        string.Equals(error, "SlowDown", StringComparison.OrdinalIgnoreCase) || string.Equals(error, "ServiceUnavailable", StringComparison.OrdinalIgnoreCase);

    /// <summary>Operations answered to a GET with a body.</summary>
    public static bool IsRead(S3Operation op) =>
        op.ToString().StartsWith("Get", StringComparison.Ordinal) || op.ToString().StartsWith("List", StringComparison.Ordinal);
}
