using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Faults;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Faults;

/// <summary>What each rule field does, seen on the wire (real Kestrel) with presigned URLs and plain HTTP.</summary>
public sealed class FaultEffectTests
{
    static string Presign(AmazonS3Client client, string bucket, string key, HttpVerb verb = HttpVerb.GET) =>
        client.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = bucket, Key = key, Verb = verb, Expires = DateTime.UtcNow.AddMinutes(5), Protocol = Protocol.HTTP,
        });

    static async Task<(TestFakeS3 S3, AmazonS3Client Client, HttpClient Http)> StartAsync(string bucket, string? key = null, byte[]? body = null)
    {
        var s3 = await TestFakeS3.StartAsync();
        var client = s3.CreateS3Client(configure: c => c.MaxErrorRetry = 0);
        await client.PutBucketAsync(bucket);
        if (key is not null)
            await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = new MemoryStream(body ?? "body"u8.ToArray()) });
        return (s3, client, new HttpClient());
    }

    static async Task<(HttpStatusCode Status, string? Code, string? Message)> ErrorOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var root = text.Length == 0 ? null : XDocument.Parse(text).Root;
        return (response.StatusCode, root?.Element("Code")?.Value, root?.Element("Message")?.Value);
    }

    [Fact]
    public async Task Error_IsS3sOwnResponse_WithoutRetryAfter_UnlessTheRuleAsks()
    {
        var (s3, client, http) = await StartAsync("wire", "k");
        await using var _ = s3;
        using var slow = s3.Faults().Add(new FaultRule { Operation = "GetObject", Error = "SlowDown", Times = 1 });
        var plain = await http.GetAsync(Presign(client, "wire", "k"));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "SlowDown", "Please reduce your request rate."), await ErrorOf(plain));
        Assert.Equal("application/xml", plain.Content.Headers.ContentType?.MediaType);
        Assert.True(plain.Headers.Contains("x-amz-request-id"));
        Assert.False(plain.Headers.Contains("Retry-After"));

        using var timeout = s3.Faults().Add(new FaultRule { Operation = "GetObject", Error = "RequestTimeout", Times = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, (await ErrorOf(await http.GetAsync(Presign(client, "wire", "k")))).Status);

        using var retryAfter = s3.Faults().Add(new FaultRule { Operation = "GetObject", Error = "SlowDown", RetryAfterSeconds = 2, Times = 1 });
        var told = await http.GetAsync(Presign(client, "wire", "k"));
        Assert.Equal(TimeSpan.FromSeconds(2), told.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task ByDefault_AfterAuthentication_ABadSignatureStillGetsItsOwnError()
    {
        var (s3, client, http) = await StartAsync("auth-order", "k");
        await using var _ = s3;
        var bad = Presign(client, "auth-order", "k").Replace("X-Amz-Signature=", "X-Amz-Signature=0");
        using var after = s3.Faults().Add(new FaultRule { Error = "SlowDown" });

        Assert.Equal("SignatureDoesNotMatch", (await ErrorOf(await http.GetAsync(bad))).Code);
        Assert.Equal(0, after.Hits);
        after.Dispose();

        using var before = s3.Faults().Add(new FaultRule { Error = "SlowDown", BeforeAuthentication = true });
        Assert.Equal("SlowDown", (await ErrorOf(await http.GetAsync(bad))).Code);
        Assert.Equal(1, before.Hits);
    }

    [Fact]
    public async Task Auth_Presigned_MatchesPresignedUrlsOnly_HeaderSigned_TheSdk()
    {
        var (s3, client, http) = await StartAsync("by-auth", "k");
        await using var _ = s3;
        using (var presigned = s3.Faults().Add(new FaultRule { Operation = "GetObject", Auth = FaultAuth.Presigned, Error = "InternalError" }))
        {
            Assert.Equal("InternalError", (await ErrorOf(await http.GetAsync(Presign(client, "by-auth", "k")))).Code);
            Assert.Equal("body"u8.ToArray(), await FaultTestKit.BytesAsync(client, "by-auth", "k"));
            Assert.Equal(1, presigned.Hits);
        }
        using var header = s3.Faults().Add(new FaultRule { Operation = "GetObject", Auth = FaultAuth.HeaderSigned, Error = "InternalError" });
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(Presign(client, "by-auth", "k"))).StatusCode);
        Assert.Equal("InternalError", (await Assert.ThrowsAsync<AmazonS3Exception>(() => FaultTestKit.BytesAsync(client, "by-auth", "k"))).ErrorCode);
    }

    [Fact]
    public async Task Every_K_FailsEveryKthMatchingRequest_MethodFilters()
    {
        var (s3, client, http) = await StartAsync("every", "k");
        await using var _ = s3;
        using var rule = s3.Faults().Add(new FaultRule { Method = "GET", Bucket = "every", Every = 3, Error = "InternalError" });
        var statuses = new List<int>();
        for (var i = 0; i < 7; i++) statuses.Add((int)(await http.GetAsync(Presign(client, "every", "k"))).StatusCode);
        await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, Presign(client, "every", "k", HttpVerb.HEAD)));

        Assert.Equal([200, 200, 500, 200, 200, 500, 200], statuses);
        Assert.Equal((7, 2), (rule.Matched, rule.Hits));
    }

    [Fact]
    public async Task Times_UnderConcurrentRequests_FailsExactlyN()
    {
        var (s3, client, http) = await StartAsync("crowd", "k");
        await using var _ = s3;
        using var rule = s3.Faults().Add(new FaultRule { Operation = "GetObject", Error = "SlowDown", Times = 10 });
        var url = Presign(client, "crowd", "k");

        var statuses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ => (int)(await http.GetAsync(url)).StatusCode));

        Assert.Equal(10, statuses.Count(s => s == 503));
        Assert.Equal(40, statuses.Count(s => s == 200));
        Assert.Equal((50, 10), (rule.Matched, rule.Hits));
    }

    [Fact]
    public async Task Probability_WithASeed_RepeatsTheSamePattern()
    {
        async Task<string> PatternAsync()
        {
            var (s3, client, http) = await StartAsync("dice", "k");
            await using var _ = s3;
            s3.Faults().Add(new FaultRule { Operation = "GetObject", Probability = 0.5, Seed = 1234, Error = "SlowDown" });
            var pattern = "";
            for (var i = 0; i < 24; i++) pattern += (await http.GetAsync(Presign(client, "dice", "k"))).IsSuccessStatusCode ? '.' : 'x';
            return pattern;
        }

        var first = await PatternAsync();
        Assert.Equal(first, await PatternAsync());
        Assert.Contains('x', first);
        Assert.Contains('.', first);
    }

    [Fact]
    public async Task ErrorAfterBody_ReadsTheWholeUpload_PlainErrorDoesNotWaitForIt_NeitherStores()
    {
        var (s3, client, http) = await StartAsync("refuse");
        await using var _ = s3;
        var body = FaultTestKit.Data(300_000);

        async Task<(HttpStatusCode, long)> PutAsync(string key)
        {
            var content = new CountingContent(body);
            var request = new HttpRequestMessage(HttpMethod.Put, Presign(client, "refuse", key, HttpVerb.PUT)) { Content = content };
            request.Headers.ExpectContinue = true; // the body goes out only if the server reads it
            var response = await http.SendAsync(request);
            return (response.StatusCode, content.Sent);
        }

        using (s3.Faults().Add(new FaultRule { Operation = "PutObject", Error = "InternalError", ErrorAfterBody = true, Times = 1 }))
            Assert.Equal((HttpStatusCode.InternalServerError, body.Length), await PutAsync("read-then-refused"));
        using (s3.Faults().Add(new FaultRule { Operation = "PutObject", Error = "SlowDown", Times = 1 }))
            Assert.Equal((HttpStatusCode.ServiceUnavailable, 0L), await PutAsync("refused-up-front"));

        Assert.False(await FaultTestKit.ExistsAsync(client, "refuse", "read-then-refused"));
        Assert.False(await FaultTestKit.ExistsAsync(client, "refuse", "refused-up-front"));
        Assert.Equal("body read, then InternalError", s3.Entries("PutObject")[0].Fault?.Effect);
    }

    [Theory]
    [InlineData("DeleteObject")]
    [InlineData("CopyObject")]
    [InlineData("PutObjectTagging")]
    public async Task InjectedErrors_ChangeNothing(string operation)
    {
        var (s3, client, _) = await StartAsync("unchanged", "k");
        await using var __ = s3;
        using var rule = s3.Faults().Add(new FaultRule { Operation = operation, Error = "InternalError" });

        await Assert.ThrowsAsync<AmazonS3Exception>(() => operation switch
        {
            "DeleteObject" => client.DeleteObjectAsync("unchanged", "k"),
            "CopyObject" => client.CopyObjectAsync("unchanged", "k", "unchanged", "copy"),
            _ => client.PutObjectTaggingAsync(new PutObjectTaggingRequest
            {
                BucketName = "unchanged", Key = "k", Tagging = new Tagging { TagSet = [new Tag { Key = "t", Value = "v" }] },
            }),
        });

        rule.Dispose();
        Assert.Equal("body"u8.ToArray(), await FaultTestKit.BytesAsync(client, "unchanged", "k"));
        Assert.False(await FaultTestKit.ExistsAsync(client, "unchanged", "copy"));
        Assert.Empty((await client.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = "unchanged", Key = "k" })).Tagging ?? []);
    }

    [Fact]
    public async Task PostForm_FaultAfterThePolicyIsVerified_NothingStored()
    {
        var (s3, client, http) = await StartAsync("form");
        await using var _ = s3;
        var post = await client.CreatePresignedPostAsync(new CreatePresignedPostRequest
        {
            BucketName = "form", Key = "uploads/${filename}", Expires = DateTime.UtcNow.AddMinutes(5),
            Conditions = [S3PostCondition.StartsWith("key", "uploads/")],
        });
        using var rule = s3.Faults().Add(new FaultRule { Auth = FaultAuth.PostForm, KeyPrefix = "uploads/", Error = "SlowDown", Times = 1 });

        MultipartFormDataContent Form()
        {
            var form = new MultipartFormDataContent();
            foreach (var (name, value) in post.Fields) form.Add(new StringContent(value), name);
            form.Add(new ByteArrayContent("form body"u8.ToArray()), "file", "a.txt");
            return form;
        }

        Assert.Equal("SlowDown", (await ErrorOf(await http.PostAsync(post.Url, Form()))).Code);
        Assert.False(await FaultTestKit.ExistsAsync(client, "form", "uploads/a.txt"));
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync(post.Url, Form())).StatusCode);
        Assert.Equal((2, 1), (rule.Matched, rule.Hits));
    }

    [Fact]
    public async Task BytesPerSecond_SendsTheWholeBodySlowly()
    {
        var data = FaultTestKit.Data(4000);
        var (s3, client, http) = await StartAsync("slow-body", "k", data);
        await using var _ = s3;
        using var rule = s3.Faults().Add(new FaultRule { Operation = "GetObject", BytesPerSecond = 8000 });

        var clock = Stopwatch.StartNew();
        var got = await http.GetByteArrayAsync(Presign(client, "slow-body", "k"));

        Assert.Equal(data, got);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.4), $"4000 bytes at 8000 B/s took {clock.Elapsed}");
        Assert.Equal("body at 8000 bytes/s", (await s3.WaitForEntriesAsync("GetObject", 1))[0].Fault?.Effect);
    }

    [Fact]
    public async Task ResetConnection_ClientGetsNoAnswer_LogShowsStatus0()
    {
        var (s3, client, http) = await StartAsync("reset", "k");
        await using var _ = s3;
        using var rule = s3.Faults().Add(new FaultRule { Operation = "GetObject", ResetConnection = true });

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(Presign(client, "reset", "k")));

        Assert.Contains("reset", e.ToString(), StringComparison.OrdinalIgnoreCase);
        var entry = (await s3.WaitForEntriesAsync("GetObject", 1))[0];
        Assert.Equal((0, rule.Id, "connection reset before the answer"), (entry.Status, entry.Fault?.RuleId, entry.Fault?.Effect));
        // A keep-alive connection to FakeS3 is fine afterwards.
        rule.Dispose();
        Assert.Equal("body", await http.GetStringAsync(Presign(client, "reset", "k")));
    }

    /// <summary>Counts the bytes the client actually sent.</summary>
    sealed class CountingContent(byte[] data) : HttpContent
    {
        public long Sent { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var i = 0; i < data.Length; i += 8192)
            {
                var n = Math.Min(8192, data.Length - i);
                await stream.WriteAsync(data.AsMemory(i, n));
                Sent += n;
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = data.Length;
            return true;
        }
    }
}
