namespace FakeS3.Policy;

/// <summary>
/// <c>{"field": "value"}</c> or <c>["eq", "$field", "value"]</c>. Both print as the eq array [REC], so
/// the object form is stored with a "$" prepended to its field.
/// </summary>
internal sealed record ExactMatchCondition(string FieldReference, string Value, string Operator = "eq") : PolicyCondition
{
    /// <summary>Printed with the operator as the policy spelled it ("EQ" stays "EQ") [UNCONFIRMED].</summary>
    public override string Printed => Print(Operator, FieldReference, Value);

    public override string? FieldName => FieldOf(FieldReference);
}
