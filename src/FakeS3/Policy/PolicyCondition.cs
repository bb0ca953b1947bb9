using System.Text;

namespace FakeS3.Policy;

/// <summary>
/// One condition of a POST policy: a closed set (<see cref="ExactMatchCondition"/>,
/// <see cref="StartsWithCondition"/>, <see cref="ContentLengthRangeCondition"/>) matched in one switch
/// by <see cref="PostPolicyEvaluator"/>.
/// </summary>
internal abstract record PolicyCondition
{
    private protected PolicyCondition()
    {
    }

    /// <summary>
    /// The condition as S3 prints it after "Policy Condition failed: " [REC][WIRE spec §3.5]: a JSON array,
    /// elements separated by ", ", every element a JSON string, the policy's spelling kept.
    /// </summary>
    public abstract string Printed { get; }

    /// <summary>The form field this condition names ("$key" → "key"); null when it names none.</summary>
    public abstract string? FieldName { get; }

    /// <summary>"$key" → "key". A reference without '$' names no field, so the condition always fails [REC].</summary>
    protected static string? FieldOf(string fieldReference) =>
        fieldReference.Length > 1 && fieldReference[0] == '$' ? fieldReference[1..] : null;

    protected static string Print(params string[] elements)
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < elements.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append('"');
            // Quotes are backslash-escaped in S3's text [WIRE: filename=\"test.png\"]; backslash too, so
            // the printed form stays valid JSON [UNCONFIRMED].
            foreach (var c in elements[i])
            {
                if (c is '"' or '\\') sb.Append('\\');
                sb.Append(c);
            }
            sb.Append('"');
        }
        return sb.Append(']').ToString();
    }
}
