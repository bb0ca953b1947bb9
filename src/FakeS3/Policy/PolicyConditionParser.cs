using System.Text.Json;
using FakeS3.Errors;

namespace FakeS3.Policy;

/// <summary>
/// One element of "conditions" → a <see cref="PolicyCondition"/>. Texts: spec §3.6 [REC]/[2ND]; the rows the
/// spec leaves open (unknown operation, wrong arity, neither list nor object) use versitygw's [2ND].
/// </summary>
internal static class PolicyConditionParser
{
    public static PolicyCondition Parse(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ParseSimple(element),
        JsonValueKind.Array => ParseArray([.. element.EnumerateArray()]),
        // [2ND] a null value was answered "Invalid JSON."
        JsonValueKind.Null => throw Fail(S3Errors.PolicyInvalidJson()),
        _ => throw Fail(S3Errors.InvalidPolicy("Invalid condition test: must be a List or Object.")),
    };

    static PolicyCondition ParseSimple(JsonElement element)
    {
        var members = element.EnumerateObject().ToList();
        if (members.Count != 1)
        {
            // [REC]
            throw Fail(S3Errors.InvalidPolicy("Invalid Simple-Condition: Simple-Conditions must have exactly one property specified."));
        }
        var member = members[0];
        return member.Value.ValueKind switch
        {
            JsonValueKind.String => new ExactMatchCondition("$" + member.Name, member.Value.GetString()!),
            JsonValueKind.Null => throw Fail(S3Errors.PolicyInvalidJson()),
            _ => throw Fail(S3Errors.InvalidPolicy("Invalid Simple-Condition: value must be a string.")),
        };
    }

    static PolicyCondition ParseArray(JsonElement[] items)
    {
        if (items.Length == 0) throw Fail(S3Errors.InvalidPolicy("Invalid Condition: missing operation identifier."));
        if (items[0].ValueKind != JsonValueKind.String) throw Fail(S3Errors.PolicyInvalidJson());
        // Operators match case-insensitively ("StArTs-WiTh"), like field names [2ND: ceph/s3-tests
        // test_post_object_case_insensitive_condition_fields expects 204 for ["StArTs-WiTh", "$KeY", "foo"] and
        // {"bUcKeT": …}]; [UNCONFIRMED] against AWS. Messages and the printed condition keep the policy's spelling.
        var operation = items[0].GetString()!;
        var kind = operation.ToLowerInvariant();
        if (kind is not ("eq" or "starts-with" or "content-length-range"))
        {
            throw Fail(S3Errors.InvalidPolicy($"Invalid Condition: unknown operation '{operation}'."));
        }
        if (items.Length != 3) throw Fail(S3Errors.InvalidPolicy($"Invalid {operation}: wrong number of arguments."));
        if (kind == "content-length-range") return new ContentLengthRangeCondition(Bound(items[1]), Bound(items[2]), operation);

        var field = Text(items[1]);
        var value = Text(items[2]);
        return kind == "eq" ? new ExactMatchCondition(field, value, operation) : new StartsWithCondition(field, value, operation);
    }

    /// <summary>eq / starts-with operands must be JSON strings; anything else is "Invalid JSON." as in versitygw [2ND].</summary>
    static string Text(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw Fail(S3Errors.PolicyInvalidJson());

    /// <summary>
    /// An integer or a string. A float (512.0), an exponent, an out-of-range number or null is "Invalid JSON."
    /// [2ND]; a non-numeric string is kept and fails at evaluation [REC].
    /// </summary>
    static string Bound(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.String) return element.GetString()!;
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out _))
        {
            var raw = element.GetRawText();
            if (!raw.Contains('.') && !raw.Contains('e') && !raw.Contains('E')) return raw;
        }
        throw Fail(S3Errors.PolicyInvalidJson());
    }

    static S3Exception Fail(S3Error error) => new(error);
}
