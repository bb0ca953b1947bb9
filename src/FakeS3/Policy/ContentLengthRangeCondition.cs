using System.Globalization;

namespace FakeS3.Policy;

/// <summary>
/// <c>["content-length-range", min, max]</c>, inclusive. Bounds are kept as text: JSON integers and numeric
/// strings both work; a non-numeric string is not a parse error but a 403 condition failure [REC:
/// <c>["content-length-range", "test", "10"]</c>]. Numbers print as strings [UNCONFIRMED].
/// </summary>
internal sealed record ContentLengthRangeCondition(string MinText, string MaxText, string Operator = "content-length-range")
    : PolicyCondition
{
    public override string Printed => Print(Operator, MinText, MaxText);

    public override string? FieldName => null;

    public long? Min => Parse(MinText);

    public long? Max => Parse(MaxText);

    public bool IsNumeric => Min is not null && Max is not null;

    static long? Parse(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
}
