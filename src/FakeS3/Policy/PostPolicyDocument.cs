using System.Globalization;
using System.Text;
using System.Text.Json;
using FakeS3.Caching;
using FakeS3.Errors;

namespace FakeS3.Policy;

/// <summary>
/// A decoded POST policy (spec §3.2). <see cref="Parse"/> throws <see cref="S3Exception"/> with
/// InvalidPolicyDocument (400) for anything S3 rejects at parse time. Verify the signature over the
/// base64 text first: S3 answers a truncated policy with SignatureDoesNotMatch [REC].
/// </summary>
internal sealed record PostPolicyDocument(DateTimeOffset Expiration, IReadOnlyList<PolicyCondition> Conditions)
{
    static readonly JsonDocumentOptions Strict = new()
    {
        AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16,
    };

    static readonly string[] ExpirationFormats = ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];

    // A form's policy is posted again for every upload it allows: decoded documents (immutable) are kept by
    // their base64 text, which they are a pure function of. Bounded: emptied when full. Failures are not kept.
    static readonly BoundedCache<string, PostPolicyDocument> Cache = new(256, StringComparer.Ordinal);

    public static PostPolicyDocument Parse(string base64Policy)
    {
        if (Cache.TryGet(base64Policy, out var cached)) return cached;
        var parsed = ParseUncached(base64Policy);
        Cache.Add(base64Policy, parsed);
        return parsed;
    }

    static PostPolicyDocument ParseUncached(string base64Policy)
    {
        try
        {
            return ParseDecoded(PolicyJsonText.Decode(base64Policy));
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to read a string with a lone surrogate escape (\ud800).
            throw Fail(S3Errors.PolicyInvalidJson());
        }
    }

    static PostPolicyDocument ParseDecoded(string json)
    {
        using var document = ParseJson(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw Fail(S3Errors.PolicyInvalidJson());

        JsonElement? expiration = null, conditions = null;
        foreach (var member in root.EnumerateObject())
        {
            // The two top-level names are case-sensitive: "EXPIRATION"/"CONDITIONS" are unknown members, answered
            // 400 [2ND: ceph/s3-tests test_post_object_expires_is_case_sensitive and
            // test_post_object_conditions_is_case_sensitive expect 400]. The name is printed lower-cased, as the
            // one recorded text shows ("Unexpected: 'statement'" [2ND spec §3.6]).
            if (member.NameEquals("expiration")) expiration = member.Value;
            else if (member.NameEquals("conditions")) conditions = member.Value;
            else throw Fail(S3Errors.InvalidPolicy($"Unexpected: '{member.Name.ToLowerInvariant()}'"));
        }
        // Texts for the two missing members are versitygw's [2ND/UNCONFIRMED spec §3.6]; like versitygw,
        // an empty conditions list counts as missing.
        if (expiration is null) throw Fail(S3Errors.InvalidPolicy("Policy missing expiration."));
        if (conditions is null || conditions.Value.ValueKind == JsonValueKind.Array && conditions.Value.GetArrayLength() == 0)
        {
            throw Fail(S3Errors.InvalidPolicy("Policy missing conditions."));
        }
        return new PostPolicyDocument(ParseExpiration(expiration.Value), ParseConditions(conditions.Value));
    }

    static JsonDocument ParseJson(string json)
    {
        try
        {
            return JsonDocument.Parse(PolicyJsonText.NormaliseEscapes(json), Strict);
        }
        catch (JsonException)
        {
            throw Fail(S3Errors.PolicyInvalidJson());
        }
    }

    /// <summary>ISO 8601 UTC with 'Z', milliseconds optional [DOC][REC]; offsets are rejected [2ND].</summary>
    static DateTimeOffset ParseExpiration(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null) throw Fail(S3Errors.PolicyInvalidJson());
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        if (value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParseExact(text, ExpirationFormats,
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at;
        }
        throw Fail(S3Errors.InvalidPolicy($"Invalid 'expiration' value: '{text}'"));
    }

    static List<PolicyCondition> ParseConditions(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null) throw Fail(S3Errors.PolicyInvalidJson());
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Fail(S3Errors.InvalidPolicy("Invalid 'conditions' value: must be a List."));
        }
        var list = new List<PolicyCondition>();
        foreach (var element in value.EnumerateArray()) list.Add(PolicyConditionParser.Parse(element));
        return list;
    }

    static S3Exception Fail(S3Error error) => new(error);

    public override string ToString() =>
        new StringBuilder().Append(Expiration.ToString("O", CultureInfo.InvariantCulture)).Append(' ')
            .AppendJoin(", ", Conditions.Select(c => c.Printed)).ToString();
}
