namespace FakeS3.Policy;

/// <summary>
/// <c>{"field": "value"}</c> or <c>["eq", "$field", "value"]</c>. Both print as the eq array [REC], so
/// the object form is stored with a "$" prepended to its field.
/// </summary>
internal sealed record ExactMatchCondition(string FieldReference, string Value) : PolicyCondition
{
    public override string Printed => Print("eq", FieldReference, Value);

    public override string? FieldName => FieldOf(FieldReference);
}
