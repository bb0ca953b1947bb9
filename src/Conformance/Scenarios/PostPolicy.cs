using System.Text;
using Amazon.S3.Model;
using FakeS3.Conformance.Http;

namespace FakeS3.Conformance.Scenarios;

/// <summary>Browser POST uploads with a policy (spec §3): success responses and every rejection.</summary>
public static class PostPolicy
{
    const string Area = "PostPolicy";

    static Scenario S(string name, string evidence, Expected expected, Func<ScenarioContext, Task<Observation>> run) => new(name, Area, evidence, expected, run);

    /// <summary>POSTs <paramref name="form"/> and checks whether the object exists afterwards (it must not after a rejection).</summary>
    internal static async Task<Observation> PostAndCheckAsync(ScenarioContext ctx, PostForm form, string key, string? expectBody = "My test put/get/post", Action<HttpRequestMessage>? before = null)
    {
        var o = await ctx.PostAsync(form, before: before);
        if (o.Status >= 300 && o.Status != 303) return o.Check(await ctx.HeadAsync(key) is null, "the rejected upload was stored");
        if (expectBody is not null) o.Check(await ctx.GetTextAsync(key) == expectBody, "stored body differs from the file part");
        return o;
    }

    static string Cond(string json) => json;

    static Scenario Reject(string name, string evidence, Expected expected, Func<ScenarioContext, string, PostForm> form) =>
        S(name, evidence, expected.Stored("nothing stored"), ctx => { var key = ctx.NewKey(); return PostAndCheckAsync(ctx, form(ctx, key), key); });

    static string PostFormPolicy(ScenarioContext ctx) => Http.PostForm.PolicyJson(ctx.Now.AddMinutes(10),
        [$"{{\"bucket\": \"{ctx.Bucket}\"}}", "[\"starts-with\", \"$key\", \"\"]"], ctx.Target.AccessKeyId, ctx.Target.Region, ctx.Now);

    static string FileSha256() =>
        Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("My test put/get/post")));

    public static IEnumerable<Scenario> All()
    {
        yield return S("stores a file posted with a form from AWSSDK.S3 CreatePresignedPost and answers 204", "[DOC][SDK]",
            Expect.Status(204).Header("ETag").Stored("object holds the file"), async ctx =>
            {
                var key = ctx.NewKey("sdk-post.txt");
                var post = await ctx.S3.CreatePresignedPostAsync(new CreatePresignedPostRequest { BucketName = ctx.Bucket, Key = key, Expires = DateTime.UtcNow.AddMinutes(10) });
                var form = new PostForm();
                foreach (var f in post.Fields) form.Fields.Add(new(f.Key, f.Value));
                var request = new HttpRequestMessage(HttpMethod.Post, ctx.Target.IsAws ? new Uri(post.Url) : ctx.ObjectUri(null)) { Content = form.ToContent() };
                var o = await ctx.Raw.SendAsync(request, ctx.CancellationToken);
                return o.Check(await ctx.GetTextAsync(key) == "My test put/get/post", "stored body differs");
            });

        yield return S("answers success_action_status=201 with a PostResponse document", "[REC][2ND]",
            Expect.Status(201).Header("ETag").Header("Location"), async ctx =>
            {
                var key = ctx.NewKey();
                var form = ctx.PostForm(key, fields: [new("success_action_status", "201")],
                    conditions: [$"{{\"bucket\": \"{ctx.Bucket}\"}}", "[\"starts-with\", \"$key\", \"\"]", "{\"success_action_status\": \"201\"}"]);
                var o = await PostAndCheckAsync(ctx, form, key);
                o.Check(o.Body.Contains("<PostResponse>", StringComparison.Ordinal), "body is not a PostResponse");
                o.Check(o.Body.Contains($"<Bucket>{ctx.Bucket}</Bucket>", StringComparison.Ordinal), "PostResponse Bucket differs");
                return o.Check(o.Body.Contains($"<Key>{key}</Key>", StringComparison.Ordinal), "PostResponse Key differs");
            });

        yield return S("answers success_action_status=200 with an empty 200", "[DOC][REC]",
            Expect.Status(200), async ctx =>
            {
                var key = ctx.NewKey();
                var form = ctx.PostForm(key, fields: [new("success_action_status", "200")],
                    conditions: [$"{{\"bucket\": \"{ctx.Bucket}\"}}", "[\"starts-with\", \"$key\", \"\"]", "{\"success_action_status\": \"200\"}"]);
                var o = await PostAndCheckAsync(ctx, form, key);
                return o.Check(o.Body.Length == 0, "body not empty");
            });

        yield return S("redirects to success_action_redirect with bucket, key and etag appended", "[DOC][2ND]",
            Expect.Status(303).Header("Location"), async ctx =>
            {
                var key = ctx.NewKey();
                var form = ctx.PostForm(key, fields: [new("success_action_redirect", "http://localhost.test/done")],
                    conditions: [$"{{\"bucket\": \"{ctx.Bucket}\"}}", "[\"starts-with\", \"$key\", \"\"]", "[\"starts-with\", \"$success_action_redirect\", \"http://localhost.test/\"]"]);
                var o = await PostAndCheckAsync(ctx, form, key);
                var location = o.Header("Location") ?? "";
                return o.Check(location.StartsWith($"http://localhost.test/done?bucket={ctx.Bucket}&key=", StringComparison.Ordinal) && location.Contains("&etag=%22", StringComparison.Ordinal),
                    $"Location \"{location}\"");
            });

        yield return S("replaces ${filename} in the key with the file part's file name", "[DOC]",
            Expect.Status(204).Stored("object stored under prefix/photo.txt"), async ctx =>
            {
                var prefix = ctx.NewKey("up/");
                var form = ctx.PostForm(prefix + "${filename}", conditions: [$"{{\"bucket\": \"{ctx.Bucket}\"}}", $"[\"starts-with\", \"$key\", \"{prefix}\"]"]);
                form.FileName = "C:\\dir\\photo.txt";
                return await PostAndCheckAsync(ctx, form, prefix + "photo.txt");
            });

        yield return S("accepts form field names in any case (Policy, X-Amz-Signature)", "[DOC][REC]",
            Expect.Status(204).Stored("object holds the file"), async ctx =>
            {
                var key = ctx.NewKey();
                var form = ctx.PostForm(key);
                var renamed = new PostForm();
                foreach (var f in form.Fields) renamed.Fields.Add(new(f.Key switch { "policy" => "Policy", "x-amz-signature" => "X-Amz-Signature", "x-amz-date" => "X-Amz-Date", _ => f.Key }, f.Value));
                return await PostAndCheckAsync(ctx, renamed, key);
            });

        yield return S("stores Content-Type from the form field, binary/octet-stream without it", "[REC]",
            Expect.Status(204).Stored("Content-Type image/png; default binary/octet-stream"), async ctx =>
            {
                var key = ctx.NewKey();
                var form = ctx.PostForm(key, fields: [new("Content-Type", "image/png")],
                    conditions: [$"{{\"bucket\": \"{ctx.Bucket}\"}}", "[\"starts-with\", \"$key\", \"\"]", "[\"starts-with\", \"$Content-Type\", \"image/\"]"]);
                var o = await PostAndCheckAsync(ctx, form, key);
                o.Check((await ctx.HeadAsync(key))?.Headers.ContentType == "image/png", "Content-Type not taken from the form field");
                var key2 = ctx.NewKey();
                await PostAndCheckAsync(ctx, ctx.PostForm(key2), key2);
                return o.Check((await ctx.HeadAsync(key2))?.Headers.ContentType == "binary/octet-stream", "default Content-Type is not binary/octet-stream");
            });

        yield return S("accepts fields named x-ignore-* without a policy condition", "[DOC]",
            Expect.Status(204).Stored("object holds the file"), ctx => { var key = ctx.NewKey(); return PostAndCheckAsync(ctx, ctx.PostForm(key, fields: [new("x-ignore-tracking", "1")]), key); });

        yield return S("ignores fields after the file part", "[DOC][WIRE]",
            Expect.Status(204).Stored("object holds the file"), ctx =>
            {
                var key = ctx.NewKey();
                var form = ctx.PostForm(key);
                form.AfterFile.Add(new("x-amz-meta-late", "ignored"));
                return PostAndCheckAsync(ctx, form, key);
            });

        yield return Reject("refuses a POST that is not multipart/form-data", "[REC]",
            Expect.Error(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold").With("Condition", "Bucket POST must be of the enclosure-type multipart/form-data"),
            (ctx, key) => { var f = ctx.PostForm(key); f.ContentType = "application/x-www-form-urlencoded"; return f; });

        yield return Reject("rejects a POST without a key field", "[WIRE]",
            Expect.Error(400, "InvalidArgument", "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.").With("ArgumentName", "key").With("ArgumentValue", ""),
            (ctx, key) => ctx.PostForm(key).Remove("key"));

        yield return Reject("rejects a POST missing x-amz-signature", "[REC]",
            Expect.Error(400, "InvalidArgument", "Bucket POST must contain a field named 'X-Amz-Signature'.  If it is specified, please check the order of the fields.").With("ArgumentName", "X-Amz-Signature").With("ArgumentValue", ""),
            (ctx, key) => ctx.PostForm(key).Remove("x-amz-signature"));

        yield return S("rejects a POST without a file part", "[WIRE]",
            Expect.Error(400, "InvalidArgument", "POST requires exactly one file upload per request.").With("ArgumentName", "file").With("ArgumentValue", "0"),
            ctx => { var f = ctx.PostForm(ctx.NewKey()); f.File = null; return ctx.PostAsync(f); });

        yield return Reject("refuses an anonymous POST (key and policy only) on a private bucket", "[REC]",
            Expect.Error(403, "AccessDenied", "Access Denied"),
            (ctx, key) => ctx.PostForm(key).Remove("x-amz-signature").Remove("x-amz-algorithm").Remove("x-amz-credential").Remove("x-amz-date"));

        yield return Reject("rejects a POST credential for the wrong region", "[WIRE]",
            Expect.Error(400, "InvalidArgument", "the region 'eu-west-3' is wrong; expecting '{region}'").With("ArgumentName", "X-Amz-Credential").With("ArgumentValue").With("Region", "{region}"),
            (ctx, key) => ctx.PostForm(key, region: "eu-west-3"));

        yield return Reject("rejects a POST for an unknown access key", "[WIRE]",
            Expect.Error(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.").With("AWSAccessKeyId", "AKIAFAKES3UNKNOWN000"),
            (ctx, key) => ctx.PostForm(key, accessKeyId: "AKIAFAKES3UNKNOWN000"));

        yield return Reject("rejects a POST whose signature is not the HMAC of the policy as sent", "[REC]",
            Expect.Error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
                .With("AWSAccessKeyId", "{accessKey}").With("StringToSign").With("SignatureProvided").With("StringToSignBytes"),
            (ctx, key) => ctx.PostForm(key, secret: "not-the-secret"));

        yield return Reject("rejects a signed policy that is not JSON", "[WIRE]",
            Expect.Error(400, "InvalidPolicyDocument", "Invalid Policy: Invalid JSON."), (ctx, key) => ctx.PostForm(key, policyJson: "{\"expiration\": "));

        yield return Reject("rejects a simple condition with two properties", "[REC]",
            Expect.Error(400, "InvalidPolicyDocument", "Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified."),
            (ctx, key) => ctx.PostForm(key, conditions: [$"{{\"bucket\": \"{ctx.Bucket}\", \"acl\": \"private\"}}", "[\"starts-with\", \"$key\", \"\"]"]));

        yield return Reject("rejects a policy without expiration", "[2ND][UNCONFIRMED]",
            Expect.Error(400, "InvalidPolicyDocument", "Invalid Policy: Policy missing expiration."),
            (ctx, key) => ctx.PostForm(key, policyJson: $"{{\"conditions\": [{{\"bucket\": \"{ctx.Bucket}\"}}, [\"starts-with\", \"$key\", \"\"], {{\"x-amz-algorithm\": \"AWS4-HMAC-SHA256\"}}]}}"));

        yield return Reject("rejects a POST whose policy has expired", "[REC]",
            Expect.Error(403, "AccessDenied", "Invalid according to Policy: Policy expired."), (ctx, key) => ctx.PostForm(key, expiration: ctx.Now.AddMinutes(-5)));

        yield return Reject("rejects a field that fails an eq condition, printing the condition", "[REC]",
            Expect.Error(403, "AccessDenied", "Invalid according to Policy: Policy Condition failed: [\"eq\", \"$x-amz-meta-color\", \"blue\"]"),
            (ctx, key) => ctx.PostForm(key, fields: [new("x-amz-meta-color", "red")],
                conditions: [$"{{\"bucket\": \"{ctx.Bucket}\"}}", "[\"starts-with\", \"$key\", \"\"]", "[\"eq\", \"$x-amz-meta-color\", \"blue\"]"]));

        yield return Reject("rejects a field no policy condition covers", "[WIRE]",
            Expect.Error(403, "AccessDenied", "Invalid according to Policy: Extra input fields: x-amz-meta-extra"),
            (ctx, key) => ctx.PostForm(key, fields: [new("x-amz-meta-extra", "1")]));

        yield return Reject("rejects a file smaller than content-length-range allows", "[REC]",
            Expect.Error(400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size").With("ProposedSize", "20").With("MinSizeAllowed", "100"),
            (ctx, key) => ctx.PostForm(key, conditions: [$"{{\"bucket\": \"{ctx.Bucket}\"}}", "[\"starts-with\", \"$key\", \"\"]", "[\"content-length-range\", 100, 200]"]));

        yield return Reject("rejects a file larger than content-length-range allows", "[REC]",
            Expect.Error(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size").With("ProposedSize", "20").With("MaxSizeAllowed", "10"),
            (ctx, key) => ctx.PostForm(key, conditions: [$"{{\"bucket\": \"{ctx.Bucket}\"}}", "[\"starts-with\", \"$key\", \"\"]", "[\"content-length-range\", 1, 10]"]));

        yield return Reject("rejects a non-numeric content-length-range bound as a failed condition", "[REC]",
            Expect.Error(403, "AccessDenied", "Invalid according to Policy: Policy Condition failed: [\"content-length-range\", \"test\", \"10\"]"),
            (ctx, key) => ctx.PostForm(key, conditions: [$"{{\"bucket\": \"{ctx.Bucket}\"}}", "[\"starts-with\", \"$key\", \"\"]", "[\"content-length-range\", \"test\", \"10\"]"]));

        yield return Reject("rejects a condition written without the $ before the field name", "[REC]",
            Expect.Error(403, "AccessDenied", "Invalid according to Policy: Policy Condition failed: [\"eq\", \"success_action_redirect\", \"http://localhost.test/random\"]"),
            (ctx, key) => ctx.PostForm(key, fields: [new("success_action_redirect", "http://localhost.test/random")],
                conditions: [$"{{\"bucket\": \"{ctx.Bucket}\"}}", "[\"starts-with\", \"$key\", \"\"]", "[\"eq\", \"success_action_redirect\", \"http://localhost.test/random\"]"]));
        yield return S("matches condition operators and field names in any case (StArTs-WiTh, $KeY, bUcKeT)", "[2ND][UNCONFIRMED]",
            Expect.Status(204).Stored("object holds the file"), ctx =>
            {
                var key = ctx.NewKey();
                return PostAndCheckAsync(ctx, ctx.PostForm(key, conditions: [$"{{\"bUcKeT\": \"{ctx.Bucket}\"}}", "[\"StArTs-WiTh\", \"$KeY\", \"\"]"]), key);
            });

        yield return Reject("rejects a policy whose top-level expiration member is spelled EXPIRATION", "[2ND][UNCONFIRMED]",
            Expect.Error(400, "InvalidPolicyDocument", "Invalid Policy: Unexpected: 'expiration'"),
            (ctx, key) => ctx.PostForm(key, policyJson: PostFormPolicy(ctx).Replace("\"expiration\"", "\"EXPIRATION\"", StringComparison.Ordinal)));

        yield return Reject("rejects a checksum field that no condition covers", "[WIRE/2ND][UNCONFIRMED]",
            Expect.Error(403, "AccessDenied", "Invalid according to Policy: Extra input fields: x-amz-checksum-sha256"),
            (ctx, key) => ctx.PostForm(key, fields: [new("x-amz-checksum-sha256", FileSha256())]));

        yield return Reject("rejects a checksum field that does not match the file", "[REC]",
            Expect.Error(400, "BadDigest", "The SHA256 you specified did not match the calculated checksum."),
            (ctx, key) => ctx.PostForm(key, fields: [new("x-amz-checksum-sha256", Convert.ToBase64String(new byte[32]))],
                conditions: [$"{{\"bucket\": \"{ctx.Bucket}\"}}", "[\"starts-with\", \"$key\", \"\"]", "[\"starts-with\", \"$x-amz-checksum-sha256\", \"\"]"]));

        const string AlgorithmCondition = "[\"starts-with\", \"$x-amz-checksum-algorithm\", \"\"]";
        yield return Reject("rejects an x-amz-checksum-algorithm field naming another algorithm than the value field", "[UNCONFIRMED]",
            Expect.Error(400, "InvalidRequest", "Value for x-amz-checksum-algorithm header is invalid."),
            (ctx, key) => ctx.PostForm(key, fields: [new("x-amz-checksum-algorithm", "CRC32"), new("x-amz-checksum-sha256", FileSha256())],
                conditions: [$"{{\"bucket\": \"{ctx.Bucket}\"}}", "[\"starts-with\", \"$key\", \"\"]", "[\"starts-with\", \"$x-amz-checksum-sha256\", \"\"]", AlgorithmCondition]));

        yield return Reject("rejects an x-amz-checksum-algorithm field without its value field", "[UNCONFIRMED]",
            Expect.Error(400, "InvalidRequest", "x-amz-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found."),
            (ctx, key) => ctx.PostForm(key, fields: [new("x-amz-checksum-algorithm", "SHA256")],
                conditions: [$"{{\"bucket\": \"{ctx.Bucket}\"}}", "[\"starts-with\", \"$key\", \"\"]", AlgorithmCondition]));
        _ = Encoding.UTF8;
        _ = Cond("");
    }
}
