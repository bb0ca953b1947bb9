using System.Net.Http.Headers;
using FakeS3.Load.S3;
using FakeS3.Load.Simulation;

namespace FakeS3.Load.Scenarios;

/// <summary>
/// Browser-style POST uploads: one policy (signed by AWSSDK.S3's CreatePresignedPost) allows any key under a
/// prefix, and each request posts a distinct key with the file part last.
/// </summary>
public static class PostPolicyScenario
{
    public const string Name = "post-policy";

    public static Scenario Create(LoadContext ctx)
    {
        var written = new WrittenSample(8);
        PostForm? form = null;
        return new Scenario(Name, (step, ct) => new ValueTask<StepResult>(PostAsync(ctx, form!, written, step.InvocationNumber, ct)))
        {
            Init = async ct =>
            {
                await ctx.EnsureBucketAsync(ct);
                form = CreateForm(ctx);
            },
            Verify = ct => ctx.ReadBackAsync(written.Items, ct),
        };
    }

    public static string Prefix(LoadContext ctx) => $"load/{ctx.RunId}/post/";

    public static PostForm CreateForm(LoadContext ctx) =>
        ctx.Presigner.PresignPost(Prefix(ctx), LoadContext.InOneHour(), Math.Max(ctx.ObjectSize, 1));

    public static async Task<StepResult> PostAsync(LoadContext ctx, PostForm form, WrittenSample written, long n, CancellationToken ct)
    {
        int seed = LoadContext.SeedOf(n);
        var (body, etag) = ctx.Body(seed);
        var key = Prefix(ctx) + n;
        var result = await ctx.Http.SendAsync(BuildRequest(form, key, body), "POST", body.Length, ct,
            (response, _) => Task.FromResult(S3Http.CheckETag(response, "POST", etag)));
        if (result.Outcome == StepOutcome.Ok) written.Add(key, seed, body.Length);
        return result;
    }

    public static HttpRequestMessage BuildRequest(PostForm form, string key, byte[] body, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var content = new MultipartFormDataContent();
        content.Add(new StringContent(key), "key");
        foreach (var (name, value) in form.Fields)
            content.Add(new StringContent(overrides is not null && overrides.TryGetValue(name, out var v) ? v : value), name);
        var file = new ByteArrayContent(body);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", "upload.bin");
        return new HttpRequestMessage(HttpMethod.Post, form.Action) { Content = content };
    }
}
