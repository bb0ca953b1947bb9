namespace FakeS3.Policy;

/// <summary><c>["starts-with", "$field", "prefix"]</c>; an empty prefix accepts any value that is present.</summary>
internal sealed record StartsWithCondition(string FieldReference, string Prefix) : PolicyCondition
{
    public override string Printed => Print("starts-with", FieldReference, Prefix);

    public override string? FieldName => FieldOf(FieldReference);
}
