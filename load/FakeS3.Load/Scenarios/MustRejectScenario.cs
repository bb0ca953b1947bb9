using System.Text;
using FakeS3.Load.S3;
using FakeS3.Load.Simulation;

namespace FakeS3.Load.Scenarios;

/// <summary>
/// Requests a correct S3 must refuse, sent under load: every one must come back 400 or 403. A 2xx is a
/// violation (the run fails); a 5xx or a transport error is an error. The kinds rotate by invocation number.
/// All URLs target objects that exist, so a server that skips a check answers 200, not 404.
/// </summary>
public static class MustRejectScenario
{
    public const string Name = "must-reject";

    public static readonly string[] Kinds =
    [
        "expired presigned GET",
        "presigned GET with a tampered signature",
        "presigned GET replayed on another key",
        "presigned PUT signed with a wrong secret",
        "POST larger than the policy's content-length-range",
        "POST with a tampered policy document",
        "POST with an expired policy",
    ];

    private const int SeedObjects = 4;

    public static Scenario Create(LoadContext ctx)
    {
        var state = new State();
        return new Scenario(Name, (step, ct) => new ValueTask<StepResult>(SendAsync(ctx, state, step.InvocationNumber, ct)))
        {
            ExpectsRejection = true,
            Init = ct => InitAsync(ctx, state, ct),
        };
    }

    private sealed class State
    {
        public Uri[] Expired = [];
        public Uri[] Tampered = [];
        public Uri[] OtherKey = [];
        public Uri WrongSecretPut = null!;
        public PostForm Small = null!;
        public PostForm TamperedPolicy = null!;
        public PostForm ExpiredPolicy = null!;
    }

    private static async Task InitAsync(LoadContext ctx, State s, CancellationToken ct)
    {
        await ctx.EnsureBucketAsync(ct);
        var keys = Enumerable.Range(0, SeedObjects).Select(i => ctx.Key("must-reject/seed", i)).ToArray();
        for (int i = 0; i < keys.Length; i++)
            await ctx.PutSeedObjectAsync(keys[i], i, 1024, ct);

        var soon = DateTime.UtcNow.AddSeconds(2);
        s.Expired = [.. keys.Select(k => ctx.Presigner.PresignGet(k, soon))];
        s.Tampered = [.. keys.Select(k => TamperSignature(ctx.Presigner.PresignGet(k, LoadContext.InOneHour())))];
        // Signed for key i, sent for key i+1: the canonical URI no longer matches.
        s.OtherKey = [.. keys.Select((k, i) => ReplaceKey(ctx.Presigner.PresignGet(k, LoadContext.InOneHour()), k, keys[(i + 1) % keys.Length]))];
        using (var wrong = new Presigner(ctx.Target, ctx.Target.SecretAccessKey + "-wrong"))
            s.WrongSecretPut = wrong.PresignPut(ctx.Key("must-reject/wrong-secret", 0), LoadContext.InOneHour());
        var prefix = $"load/{ctx.RunId}/must-reject/post/";
        s.Small = ctx.Presigner.PresignPost(prefix, LoadContext.InOneHour(), 1024);
        s.TamperedPolicy = TamperPolicy(ctx.Presigner.PresignPost(prefix, LoadContext.InOneHour(), 1024));
        s.ExpiredPolicy = ctx.Presigner.PresignPost(prefix, soon, 1024 * 1024);

        var wait = soon - DateTime.UtcNow + TimeSpan.FromSeconds(1.5);
        if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
    }

    private static Task<StepResult> SendAsync(LoadContext ctx, State s, long n, CancellationToken ct)
    {
        int kind = (int)(n % Kinds.Length);
        int i = (int)(n / Kinds.Length % SeedObjects);
        var postKey = $"load/{ctx.RunId}/must-reject/post/{n}";
        var small = ObjectPayload.Create(1, 512);
        return kind switch
        {
            0 => Get(s.Expired[i], "expired GET"),
            1 => Get(s.Tampered[i], "tampered GET"),
            2 => Get(s.OtherKey[i], "other-key GET"),
            3 => ctx.Http.SendExpectingRejectionAsync(
                new HttpRequestMessage(HttpMethod.Put, s.WrongSecretPut) { Content = new ByteArrayContent(small) }, "wrong-secret PUT", small.Length, ct),
            4 => Post(s.Small, ObjectPayload.Create(2, 2048), "oversized POST"),
            5 => Post(s.TamperedPolicy, small, "tampered-policy POST"),
            _ => Post(s.ExpiredPolicy, small, "expired-policy POST"),
        };

        Task<StepResult> Get(Uri url, string op) =>
            ctx.Http.SendExpectingRejectionAsync(new HttpRequestMessage(HttpMethod.Get, url), op, 0, ct);

        Task<StepResult> Post(PostForm form, byte[] body, string op) =>
            ctx.Http.SendExpectingRejectionAsync(PostPolicyScenario.BuildRequest(form, postKey, body), op, body.Length, ct);
    }

    /// <summary>Flips the last hex digit of X-Amz-Signature.</summary>
    public static Uri TamperSignature(Uri url)
    {
        var s = url.OriginalString;
        int at = s.IndexOf("X-Amz-Signature=", StringComparison.Ordinal) + "X-Amz-Signature=".Length + 63;
        char flipped = s[at] == '0' ? '1' : '0';
        return new Uri(string.Concat(s.AsSpan(0, at), flipped.ToString(), s.AsSpan(at + 1)));
    }

    private static Uri ReplaceKey(Uri url, string fromKey, string toKey)
    {
        var replaced = url.OriginalString.Replace("/" + fromKey + "?", "/" + toKey + "?", StringComparison.Ordinal);
        // An unchanged URL would be a valid request and show up as a false "accepted".
        return replaced != url.OriginalString ? new Uri(replaced)
            : throw new InvalidOperationException($"cannot find key {fromKey} in the presigned URL path");
    }

    /// <summary>Raises the policy's size limit while keeping the old signature: the signature no longer matches.</summary>
    private static PostForm TamperPolicy(PostForm form)
    {
        var fields = new Dictionary<string, string>(form.Fields, StringComparer.Ordinal);
        var name = fields.Keys.First(k => k.Equals("policy", StringComparison.OrdinalIgnoreCase));
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(fields[name]));
        var tampered = json.Replace("1024]", "1073741824]", StringComparison.Ordinal);
        if (tampered == json) tampered = json + " ";
        fields[name] = Convert.ToBase64String(Encoding.UTF8.GetBytes(tampered));
        return form with { Fields = fields };
    }
}
