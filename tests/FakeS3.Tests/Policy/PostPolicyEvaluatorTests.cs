using FakeS3.Errors;
using FakeS3.Policy;
using static FakeS3.Tests.Policy.PolicyTestData;

namespace FakeS3.Tests.Policy;

public class PostPolicyEvaluatorTests
{
    static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    static S3Error? Evaluate(string conditions, PostForm form, string bucket = "bkt") =>
        PostPolicyEvaluator.EvaluateFields(PostPolicyDocument.Parse(PolicyB64(conditions)), form, bucket, Now);

    static void AssertConditionFailed(S3Error? error, string printed) =>
        AssertError(error, 403, S3ErrorCode.AccessDenied, "Invalid according to Policy: Policy Condition failed: " + printed);

    [Fact]
    public void ExactMatch_EqualValue_Passes() => Assert.Null(Evaluate("""{"key": "a/b"}""", new(("key", "a/b"))));

    [Fact]
    public void ExactMatch_ValueDiffersInCase_FailsPrintedAsEq() =>
        AssertConditionFailed(Evaluate("""{"acl": "public-read"}""", new(("acl", "Public-Read"))), """["eq", "$acl", "public-read"]""");

    [Fact]
    public void ExactMatch_FieldNameCaseDiffers_Passes() =>
        Assert.Null(Evaluate("""["eq", "$success_Action_REDIRECT", "http://x"]""", new(("success_action_redirect", "http://x"))));

    [Fact]
    public void ExactMatch_MissingDollar_AlwaysFails() =>
        AssertConditionFailed(Evaluate("""["eq", "success_action_redirect", "http://localhost.test/random"]""",
            new(("success_action_redirect", "http://localhost.test/random"))),
            """["eq", "success_action_redirect", "http://localhost.test/random"]""");

    [Fact]
    public void ExactMatch_Bucket_ComparesRequestBucket()
    {
        Assert.Null(Evaluate("""{"bucket": "bkt"}""", new()));
        AssertConditionFailed(Evaluate("""{"bucket": "bkt"}""", new(("bucket", "bkt")), bucket: "other"), """["eq", "$bucket", "bkt"]""");
    }

    [Fact]
    public void StartsWith_Prefix_PassesAndFails()
    {
        Assert.Null(Evaluate("""["starts-with", "$success_action_redirect", "http://localhost"]""", new(("success_action_redirect", "http://localhost/x"))));
        AssertConditionFailed(Evaluate("""["starts-with", "$success_action_redirect", "http://localhost"]""", new(("success_action_redirect", "https://x"))),
            """["starts-with", "$success_action_redirect", "http://localhost"]""");
    }

    [Fact]
    public void StartsWith_EmptyPrefix_PassesWhenPresent() =>
        Assert.Null(Evaluate("""["starts-with", "$x-amz-meta-tag", ""]""", new(("x-amz-meta-tag", "anything"))));

    [Fact]
    public void StartsWith_FieldAbsent_FailsEvenWithEmptyPrefix() =>
        AssertConditionFailed(Evaluate("""["starts-with", "$Content-Length", ""]""", new()), """["starts-with", "$Content-Length", ""]""");

    [Fact]
    public void StartsWith_ContentTypeList_EveryElementMustMatch()
    {
        Assert.Null(Evaluate("""["starts-with", "$Content-Type", "image/"]""", new(("content-type", "image/jpg,image/png"))));
        AssertConditionFailed(Evaluate("""["starts-with", "$Content-Type", "image/"]""", new(("Content-Type", "image/jpg,text/plain"))),
            """["starts-with", "$Content-Type", "image/"]""");
    }

    [Fact]
    public void StartsWith_CommaInOtherField_IsLiteral() =>
        Assert.Null(Evaluate("""["starts-with", "$key", "a/"]""", new(("key", "a/x,b/y"))));

    [Fact]
    public void ContentLengthRange_NonNumericBound_FailsAsCondition() =>
        AssertConditionFailed(Evaluate("""["content-length-range", "test", "10"]""", new()), """["content-length-range", "test", "10"]""");

    [Fact]
    public void ContentLengthRange_SizeOutsideRange_IsEntityTooSmallOrTooLarge()
    {
        var limit = PostPolicyEvaluator.SizeLimit(PostPolicyDocument.Parse(PolicyB64("""["content-length-range", 5, "10"]""")))!;
        Assert.Null(limit.CheckSize(5));
        Assert.Null(limit.CheckSize(10));
        AssertError(limit.CheckSize(4), 400, S3ErrorCode.EntityTooSmall, "Your proposed upload is smaller than the minimum allowed size",
            ("ProposedSize", "4"), ("MinSizeAllowed", "5"));
        AssertError(limit.CheckSize(11), 400, S3ErrorCode.EntityTooLarge, "Your proposed upload exceeds the maximum allowed size",
            ("ProposedSize", "11"), ("MaxSizeAllowed", "10"));
    }

    [Fact]
    public void SizeLimit_NoRange_IsNull() => Assert.Null(PostPolicyEvaluator.SizeLimit(PostPolicyDocument.Parse(PolicyB64("""{"key": "a"}"""))));

    [Fact]
    public void Expired_AfterExpiration_IsPolicyExpiredBeforeConditions()
    {
        var doc = PostPolicyDocument.Parse(PolicyB64("""{"key": "a"}""", "2024-12-31T23:59:59Z"));
        AssertError(PostPolicyEvaluator.EvaluateFields(doc, new(("key", "b")), "bkt", Now), 403, S3ErrorCode.AccessDenied,
            "Invalid according to Policy: Policy expired.");
    }

    [Fact]
    public void Coverage_UncoveredField_IsExtraInputFieldsAsSent() =>
        AssertError(Evaluate("""{"key": "a"}""", new(("key", "a"), ("StorageClass", "x"), ("content-type", "y"))), 403,
            S3ErrorCode.AccessDenied, "Invalid according to Policy: Extra input fields: StorageClass, content-type");

    [Fact]
    public void Coverage_ExemptFields_NeedNoCondition() =>
        Assert.Null(Evaluate("""{"key": "a"}""", new(("key", "a"), ("X-Amz-Signature", "s"), ("Policy", "p"),
            ("x-ignore-foo", "1"), ("AWSAccessKeyId", "k"), ("signature", "s"))));

    [Fact]
    public void Coverage_BucketFieldFromJsSdk_IsCoveredByBucketCondition() =>
        Assert.Null(Evaluate("""{"bucket": "bkt"}, {"key": "a"}""", new(("bucket", "bkt"), ("key", "a"))));

    [Fact]
    public void Coverage_ConditionFailure_IsReportedBeforeExtraFields() =>
        AssertConditionFailed(Evaluate("""{"key": "a"}""", new(("key", "b"), ("extra", "x"))), """["eq", "$key", "a"]""");

    [Fact]
    public void Filename_Substitution_UsesTextAfterLastSlashOrBackslash()
    {
        Assert.Equal("mytest/photo.jpg", new PostForm(("key", "mytest/${filename}")).WithFilename(@"C:\a\b/photo.jpg").Get("key"));
        Assert.Equal("mytest/${filename}", new PostForm(("key", "mytest/${filename}")).WithFilename(null).Get("key"));
        Assert.Equal("mytest/", new PostForm(("key", "mytest/${filename}")).WithFilename("").Get("key"));
    }

    [Fact]
    public void Form_DuplicateName_FirstValueWinsAndListedOnce()
    {
        var form = new PostForm(("key", "a"), ("KEY", "b"));
        Assert.Equal("a", form.Get("Key"));
        Assert.Single(form.Fields);
    }
}
