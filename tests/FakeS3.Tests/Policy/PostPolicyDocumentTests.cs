using FakeS3.Errors;
using FakeS3.Policy;
using static FakeS3.Tests.Policy.PolicyTestData;

namespace FakeS3.Tests.Policy;

public class PostPolicyDocumentTests
{
    static void AssertInvalid(string base64, string message) =>
        AssertError(Throws(() => PostPolicyDocument.Parse(base64)), 400, S3ErrorCode.InvalidPolicyDocument, message);

    [Fact]
    public void Parse_AllConditionForms_KeepsSpellingAndPrintsEqArrays()
    {
        var doc = PostPolicyDocument.Parse(PolicyB64(
            """{"Content-Disposition": "filename=\"test.png\""}, ["eq", "$key", "a"], ["starts-with", "$x-amz-meta-Tag", ""], ["content-length-range", 1, "10"]""",
            "2015-12-30T12:00:00.000Z"));
        Assert.Equal(new DateTimeOffset(2015, 12, 30, 12, 0, 0, TimeSpan.Zero), doc.Expiration);
        Assert.Equal(
            ["""["eq", "$Content-Disposition", "filename=\"test.png\""]""", """["eq", "$key", "a"]""",
             """["starts-with", "$x-amz-meta-Tag", ""]""", """["content-length-range", "1", "10"]"""],
            doc.Conditions.Select(c => c.Printed));
    }

    [Fact]
    public void Parse_ExpirationWithoutMilliseconds_IsAccepted() =>
        Assert.Equal(2030, PostPolicyDocument.Parse(PolicyB64("""{"key": "a"}""")).Expiration.Year);

    [Fact]
    public void Parse_DocumentedNonJsonEscapes_AreAccepted()
    {
        var doc = PostPolicyDocument.Parse(PolicyB64("""["eq", "$key", "a\$b\v"]"""));
        Assert.Equal("a$b\v", ((ExactMatchCondition)doc.Conditions[0]).Value);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"expiration": "2030-01-01T00:00:00Z", "conditions": [{"key": "a"},]}""")]
    [InlineData("""{"expiration": "2030-01-01T00:00:00Z", "conditions": [["content-length-range", 0, 512.0]]}""")]
    [InlineData("""{"expiration": "2030-01-01T00:00:00Z", "conditions": [{"key": null}]}""")]
    [InlineData("""{"expiration": "2030-01-01T00:00:00Z", "conditions": [["eq", "$key", 5]]}""")]
    [InlineData("""["expiration"]""")]
    public void Parse_InvalidJson_IsInvalidJsonError(string json) => AssertInvalid(B64(json), "Invalid Policy: Invalid JSON.");

    [Fact]
    public void Parse_BadBase64_IsInvalidBase64Error() => AssertInvalid("%%%notbase64", "Invalid Policy: invalid Base64 encoding.");

    [Fact]
    public void Parse_UnknownTopLevelMember_IsUnexpectedLowerCased() =>
        AssertInvalid(B64("""{"expiration": "2030-01-01T00:00:00Z", "Statement": [], "conditions": [{"key": "a"}]}"""),
            "Invalid Policy: Unexpected: 'statement'");

    [Fact]
    public void Parse_ExpirationWithOffset_IsInvalidExpiration() =>
        AssertInvalid(PolicyB64("""{"key": "a"}""", "2011-09-13T07:52:58+02:00"),
            "Invalid Policy: Invalid 'expiration' value: '2011-09-13T07:52:58+02:00'");

    [Fact]
    public void Parse_MissingExpiration_IsPolicyMissingExpiration() =>
        AssertInvalid(B64("""{"conditions": [{"key": "a"}]}"""), "Invalid Policy: Policy missing expiration.");

    [Fact]
    public void Parse_MissingConditions_IsPolicyMissingConditions() =>
        AssertInvalid(B64("""{"expiration": "2030-01-01T00:00:00Z"}"""), "Invalid Policy: Policy missing conditions.");

    [Fact]
    public void Parse_SimpleConditionWithTwoProperties_IsSimpleConditionError() =>
        AssertInvalid(PolicyB64("""{"key": "a", "acl": "b"}"""),
            "Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.");

    [Fact]
    public void Parse_SimpleConditionNumberValue_IsValueMustBeString() =>
        AssertInvalid(PolicyB64("""{"success_action_status": 201}"""), "Invalid Policy: Invalid Simple-Condition: value must be a string.");

    [Fact]
    public void Parse_EmptyArrayCondition_IsMissingOperationIdentifier() =>
        AssertInvalid(PolicyB64("[]"), "Invalid Policy: Invalid Condition: missing operation identifier.");

    [Fact]
    public void Parse_WrongArity_IsWrongNumberOfArguments() =>
        AssertInvalid(PolicyB64("""["starts-with", "$key"]"""), "Invalid Policy: Invalid starts-with: wrong number of arguments.");

    [Fact]
    public void Parse_UnknownOperation_IsUnknownOperation() =>
        AssertInvalid(PolicyB64("""["ends-with", "$key", "a"]"""), "Invalid Policy: Invalid Condition: unknown operation 'ends-with'.");

    [Fact]
    public void Parse_ConditionsNotAList_IsMustBeAList() =>
        AssertInvalid(B64("""{"expiration": "2030-01-01T00:00:00Z", "conditions": {"key": "a"}}"""),
            "Invalid Policy: Invalid 'conditions' value: must be a List.");
}
