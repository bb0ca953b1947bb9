using Amazon.S3;

namespace FakeS3.Conformance.Scenarios;

/// <summary>Every flow of the seed article "How to utilize Amazon S3 presigned URLs" (boto3, SigV4, key prefix mytest/).</summary>
public static class SeedArticle
{
    const string Area = "SeedArticle";
    const string FileText = "My test put/get/post";

    static Scenario S(string name, string evidence, Expected expected, Func<ScenarioContext, Task<Observation>> run) => new(name, Area, evidence, expected, run);

    /// <summary>The article's policy: key "mytest/${filename}" plus ["starts-with", "$key", "mytest/"], as boto3 builds it.</summary>
    static Http.PostForm ArticleForm(ScenarioContext ctx, string prefix, string key, DateTime? expiration = null)
    {
        var form = ctx.PostForm(prefix + "${filename}", expiration: expiration,
            conditions: [$"[\"starts-with\", \"$key\", \"{prefix}\"]", $"{{\"bucket\": \"{ctx.Bucket}\"}}", $"[\"starts-with\", \"$key\", \"{prefix}\"]"]);
        form.Set("key", key);
        form.FileName = "test.txt";
        return form;
    }

    public static IEnumerable<Scenario> All()
    {
        yield return S("uploads two files with one presigned POST policy (key prefix mytest/) and answers 204 each time", "[DOC][2ND seed article]",
            Expect.Status(204).Stored("both objects hold the file"), async ctx =>
            {
                var prefix = ctx.NewKey("mytest/");
                var first = await PostPolicy.PostAndCheckAsync(ctx, ArticleForm(ctx, prefix, prefix + "post_test1.txt"), prefix + "post_test1.txt", FileText);
                var second = await PostPolicy.PostAndCheckAsync(ctx, ArticleForm(ctx, prefix, prefix + "post_test2.txt"), prefix + "post_test2.txt", FileText);
                first.Problems.AddRange(second.Problems);
                return first.Check(second.Status == 204, $"second upload answered {second.Status}");
            });

        yield return S("rejects the article's POST after the policy expired", "[REC][2ND seed article]",
            Expect.Error(403, "AccessDenied", "Invalid according to Policy: Policy expired.").Stored("nothing stored"), ctx =>
            {
                var prefix = ctx.NewKey("mytest/");
                return PostPolicy.PostAndCheckAsync(ctx, ArticleForm(ctx, prefix, prefix + "post_test3.txt", ctx.Now.AddSeconds(-60)), prefix + "post_test3.txt", FileText);
            });

        yield return S("rejects the article's POST when the key leaves the mytest/ prefix", "[REC][2ND seed article]",
            Expect.Error(403, "AccessDenied").Stored("message: Invalid according to Policy: Policy Condition failed: [\"starts-with\", \"$key\", \"<prefix>\"]; nothing stored"), async ctx =>
            {
                var prefix = ctx.NewKey("mytest/");
                var o = await PostPolicy.PostAndCheckAsync(ctx, ArticleForm(ctx, prefix, "test/post_test4.txt"), "test/post_test4.txt", FileText);
                var expected = $"Invalid according to Policy: Policy Condition failed: [\"starts-with\", \"$key\", \"{prefix}\"]";
                return o.Check(o.Message == expected, $"message \"{o.Message}\", expected \"{expected}\"");
            });

        yield return S("downloads the POST-uploaded file through an AWSSDK-presigned GET", "[DOC][2ND seed article]",
            Expect.Status(200), async ctx =>
            {
                var prefix = ctx.NewKey("mytest/");
                await PostPolicy.PostAndCheckAsync(ctx, ArticleForm(ctx, prefix, prefix + "post_test1.txt"), prefix + "post_test1.txt", FileText);
                var o = await ctx.Raw.GetAsync(ctx.SdkPresign(prefix + "post_test1.txt"), ctx.CancellationToken);
                return o.Check(o.Body == FileText, $"body \"{o.Body}\"");
            });

        yield return S("uploads through an AWSSDK-presigned PUT and answers 200 with an empty body", "[DOC][2ND seed article]",
            Expect.Status(200).Stored("object holds the file"), async ctx =>
            {
                var key = ctx.NewKey("mytest/presigned_put.txt");
                var o = await ctx.Raw.PutAsync(ctx.SdkPresign(key, HttpVerb.PUT), System.Text.Encoding.UTF8.GetBytes(FileText), ctx.CancellationToken);
                o.Check(o.Body.Length == 0, "body not empty");
                return o.Check(await ctx.GetTextAsync(key) == FileText, "stored body differs");
            });
    }
}
