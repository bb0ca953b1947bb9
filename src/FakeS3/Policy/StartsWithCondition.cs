namespace FakeS3.Policy;

/// <summary><c>["starts-with", "$field", "prefix"]</c>; an empty prefix accepts any value that is present.</summary>
internal sealed record StartsWithCondition(string FieldReference, string Prefix, string Operator = "starts-with") : PolicyCondition
{
    /// <summary>Printed with the operator as the policy spelled it [UNCONFIRMED].</summary>
    public override string Printed => Print(Operator, FieldReference, Prefix);

    public override string? FieldName => FieldOf(FieldReference);
}
