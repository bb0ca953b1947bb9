using FakeS3.Errors;

namespace FakeS3.Policy;

/// <summary>
/// Checks a parsed policy against the form (after <c>${filename}</c> substitution, see
/// <see cref="PostForm.WithFilename"/>). Order [DERIVED spec §3.3]: expiry, then the conditions in policy
/// order (the first failure is reported), then the coverage rule. Conditions before coverage is
/// [UNCONFIRMED]. The file size is checked later, while streaming: <see cref="SizeLimit"/>.
/// </summary>
internal static class PostPolicyEvaluator
{
    public static S3Error? EvaluateFields(PostPolicyDocument document, PostForm form, string bucket, DateTimeOffset now)
    {
        // The expiration instant itself is still valid [UNCONFIRMED]; LocalStack and versitygw agree.
        if (now > document.Expiration) return S3Errors.PolicyExpired();

        foreach (var condition in document.Conditions)
        {
            if (!Holds(condition, form, bucket)) return S3Errors.PolicyConditionFailed(condition.Printed);
        }

        var extra = form.Fields.Where(f => !IsExempt(f.Name) && !IsCovered(document, f.Name)).Select(f => f.Name).ToList();
        return extra.Count > 0 ? S3Errors.PolicyExtraInputFields(extra) : null;
    }

    /// <summary>The intersection of the numeric content-length-range conditions; null when there are none.</summary>
    public static ContentLengthRange? SizeLimit(PostPolicyDocument document)
    {
        ContentLengthRange? range = null;
        foreach (var condition in document.Conditions.OfType<ContentLengthRangeCondition>())
        {
            if (condition is not { Min: { } min, Max: { } max }) continue;
            range = range is null ? new(min, max) : new(Math.Max(range.Min, min), Math.Min(range.Max, max));
        }
        return range;
    }

    static bool Holds(PolicyCondition condition, PostForm form, string bucket) => condition switch
    {
        ExactMatchCondition exact => Value(exact.FieldName, form, bucket) is { } value
            && string.Equals(value, exact.Value, StringComparison.Ordinal),
        StartsWithCondition startsWith => Value(startsWith.FieldName, form, bucket) is { } value
            && StartsWith(startsWith.FieldName!, value, startsWith.Prefix),
        // Only the bounds are checked here: a non-numeric bound is a 403 condition failure [REC].
        ContentLengthRangeCondition range => range.IsNumeric,
        _ => false,
    };

    /// <summary>
    /// The value a condition compares. A reference without "$" names nothing and fails [REC]; so does a field
    /// absent from the form, even for <c>["starts-with", "$Content-Type", ""]</c> [2ND]. <c>bucket</c> is the
    /// bucket the URL addresses, not a form field [DOC].
    /// </summary>
    static string? Value(string? fieldName, PostForm form, string bucket) => fieldName switch
    {
        null => null,
        _ when fieldName.Equals("bucket", StringComparison.OrdinalIgnoreCase) => bucket,
        _ => form.Get(fieldName),
    };

    /// <summary>
    /// For Content-Type a comma-separated value is a list whose every element must start with the prefix
    /// [DOC sigv4-HTTPPOSTConstructPolicy]; other fields take commas literally.
    /// </summary>
    static bool StartsWith(string fieldName, string value, string prefix)
    {
        if (!fieldName.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) || !value.Contains(','))
        {
            return value.StartsWith(prefix, StringComparison.Ordinal);
        }
        return value.Split(',').All(part => part.Trim().StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>
    /// Fields that need no condition: x-amz-signature, file, policy, x-ignore-* [DOC SigV4], and the SigV2
    /// signature fields AWSAccessKeyId and signature [DOC RESTObjectPOST, SigV2]. The JS SDK v3 sends a
    /// <c>bucket</c> field and also a bucket condition, so it needs no exemption.
    /// </summary>
    static bool IsExempt(string name) =>
        name.Equals("x-amz-signature", StringComparison.OrdinalIgnoreCase)
        || name.Equals("file", StringComparison.OrdinalIgnoreCase)
        || name.Equals("policy", StringComparison.OrdinalIgnoreCase)
        || name.Equals("AWSAccessKeyId", StringComparison.OrdinalIgnoreCase)
        || name.Equals("signature", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("x-ignore-", StringComparison.OrdinalIgnoreCase);

    static bool IsCovered(PostPolicyDocument document, string name) =>
        document.Conditions.Any(c => string.Equals(c.FieldName, name, StringComparison.OrdinalIgnoreCase));
}
