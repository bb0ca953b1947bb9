using System.Globalization;
using System.Text.Json;
using FakeS3.Diagnostics;
using FakeS3.Hosting;
using Microsoft.Extensions.Options;

namespace FakeS3.Admin;

/// <summary>
/// Explains the fields of a browser POST form: the decoded policy (expiration, conditions, the key or key
/// prefix it allows) and whether its expiration, credential, signature and conditions would pass now, using the
/// same policy engine as POST Object. Only the file's size (content-length-range) needs the upload itself.
/// </summary>
internal sealed class PostPolicyExplainer(IOptions<FakeS3Options> options, TimeProvider time)
{
    public ExplainResult Explain(IReadOnlyDictionary<string, string> formFields)
    {
        var fields = new Dictionary<string, string>(formFields, StringComparer.OrdinalIgnoreCase);
        var now = time.GetUtcNow();
        var result = new ExplainResult("PostPolicy") { Method = "POST", Accepted = false, ServerTime = now };
        if (!fields.TryGetValue("policy", out var policy))
            return result with { Reason = "There is no 'policy' field: the form can only upload to a public-write bucket." };
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(Convert.FromBase64String(policy)).RootElement.Clone();
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return result with { ErrorCode = "InvalidPolicyDocument", Reason = "The 'policy' field is not base64 of a JSON document: " + ex.Message };
        }
        if (root.ValueKind != JsonValueKind.Object)
            return result with { ErrorCode = "InvalidPolicyDocument", Reason = $"The policy is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object with 'expiration' and 'conditions'." };
        var conditions = root.TryGetProperty("conditions", out var c) && c.ValueKind == JsonValueKind.Array ? c.EnumerateArray().ToList() : [];
        DateTimeOffset? expires = root.TryGetProperty("expiration", out var e) && e.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(e.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var exp) ? exp : null;
        var credential = fields.GetValueOrDefault("x-amz-credential")?.Split('/');
        result = result with
        {
            Bucket = Condition(conditions, "bucket").Value ?? fields.GetValueOrDefault("bucket"),
            Key = Condition(conditions, "key") is { Op: "eq", Value: var k } ? k : null,
            KeyPrefix = Condition(conditions, "key") is { Op: "starts-with", Value: var p } ? p : null,
            AccessKeyId = credential?[0], Region = credential is { Length: > 2 } ? credential[2] : null,
            Expires = expires, SecondsLeft = expires is { } x ? Math.Round((x - now).TotalSeconds, 3) : null,
            Conditions = [.. conditions.Select(RedactedCondition)],
        };
        var (accepted, code, reason) = Check(fields, policy, credential, expires, now);
        if (accepted) (accepted, code, reason) = EvaluateConditions(fields, policy, result.Bucket, now);
        var secrets = SecretRedaction.With([], [fields.GetValueOrDefault("x-amz-signature"), fields.GetValueOrDefault("signature"),
            fields.GetValueOrDefault("x-amz-security-token")], options.Value);
        return result with { Accepted = accepted, ErrorCode = code, Reason = SecretRedaction.Scrub(reason, secrets) };
    }

    (bool, string?, string?) Check(Dictionary<string, string> fields, string policy, string[]? credential, DateTimeOffset? expires, DateTimeOffset now)
    {
        var o = options.Value;
        if (expires is null) return (false, "InvalidPolicyDocument", "The policy has no valid 'expiration'.");
        if (now > expires) return (false, "AccessDenied", $"Invalid according to Policy: Policy expired. It expired at {expires:O}; server time is {now:O}.");
        if (credential is not { Length: 5 }) return (false, "InvalidArgument", "The 'x-amz-credential' field is missing or malformed (SigV2 forms are not explained).");
        var stored = o.EffectiveCredentials.FirstOrDefault(x => x.AccessKeyId == credential[0]);
        if (stored is null) return (false, "InvalidAccessKeyId", $"Access key '{credential[0]}' is not configured (FakeS3:Credentials).");
        if (credential[2] != o.Region) return (false, "AuthorizationQueryParametersError", $"The credential is for region '{credential[2]}'; FakeS3:Region is '{o.Region}'.");
        // The same computation POST Object verifies with (Form.PostPolicySignature).
        var key = Form.PostPolicySignature.DeriveSigningKey(stored.SecretAccessKey, credential[1], credential[2], credential[3]);
        if (!Form.PostPolicySignature.VerifyV4(key, policy, fields.GetValueOrDefault("x-amz-signature") ?? ""))
            return (false, "SignatureDoesNotMatch", "The x-amz-signature is not the HMAC of the policy with this credential's secret: wrong secret, or the policy was changed after signing.");
        return (true, null, null);
    }

    /// <summary>The fields against the policy's conditions and coverage rule, exactly as POST Object evaluates them.</summary>
    static (bool, string?, string?) EvaluateConditions(Dictionary<string, string> fields, string policy, string? bucket, DateTimeOffset now)
    {
        try
        {
            var document = Policy.PostPolicyDocument.Parse(policy);
            var form = new Policy.PostForm(fields.Select(f => new Policy.PostField(f.Key, f.Value)));
            var error = Policy.PostPolicyEvaluator.EvaluateFields(document, form, bucket ?? "", now);
            return error is null ? (true, null, null) : (false, error.Code.ToString(), error.Message);
        }
        catch (Errors.S3Exception e)
        {
            return (false, e.Error.Code.ToString(), e.Error.Message);
        }
    }

    /// <summary>
    /// {"field": value} or ["op", "$field", value]; conditions of other shapes (["content-length-range", 0, 10],
    /// numbers where names belong) are skipped here and judged by the policy engine.
    /// </summary>
    static (string? Op, string? Value) Condition(List<JsonElement> conditions, string field)
    {
        foreach (var c in conditions)
        {
            if (c.ValueKind == JsonValueKind.Object && c.TryGetProperty(field, out var v)) return ("eq", v.ToString());
            if (c.ValueKind == JsonValueKind.Array && c.GetArrayLength() == 3 && c[0].ValueKind == JsonValueKind.String
                && c[1].ValueKind == JsonValueKind.String && string.Equals(c[1].GetString(), "$" + field, StringComparison.OrdinalIgnoreCase))
                return (c[0].GetString()!.ToLowerInvariant(), c[2].ToString());
        }
        return (null, null);
    }

    /// <summary>The condition as sent, except a session token's value (JS SDK policies carry one).</summary>
    static object RedactedCondition(JsonElement condition)
    {
        var text = condition.GetRawText();
        var scrubbed = SecretRedaction.Scrub(text, [])!;
        return scrubbed == text ? condition : JsonDocument.Parse(scrubbed).RootElement.Clone();
    }
}
