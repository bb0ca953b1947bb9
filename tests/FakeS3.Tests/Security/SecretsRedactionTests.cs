using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Hosting;
using FakeS3.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FakeS3.Tests.Security;

/// <summary>
/// One run that provokes every kind of rejection with session credentials, then greps everything FakeS3
/// shows besides S3's own XML (request log through the admin API, server log, explanation headers, explain
/// answers) for the token, the signatures and the secret keys.
/// </summary>
public class SecretsRedactionTests
{
    const string Key1 = "AKIASESSIONKEYONE";
    const string Secret1 = "sEcReT/one+AAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    const string Token1 = "IQoJb3JpZ2luX2VjE+session/token==AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    const string Key2 = "AKIAOTHERKEYTWO";
    const string Secret2 = "sEcReT/two+BBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
    const string Token2 = "FwoGZXIvYXdzEB4+second/token==BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";

    [Fact]
    public async Task NoTokenSignatureOrSecret_InLogsOrExplanations_AfterEveryRejection()
    {
        var serverLog = new CapturingLoggerProvider();
        await using var host = await FakeS3Host.StartAsync(o =>
        {
            o.Buckets.Add("sec");
            o.ExplanationHeader = true;
            o.Credentials.Add(new CredentialOptions { AccessKeyId = Key1, SecretAccessKey = Secret1, SessionToken = Token1 });
            o.Credentials.Add(new CredentialOptions { AccessKeyId = Key2, SecretAccessKey = Secret2 }); // any token accepted
        }, useKestrel: true, configureServices: s => s.AddSingleton<ILoggerProvider>(serverLog));
        // Kestrel, and targets sent byte for byte: HttpClient would turn "Signatur%65" back into "Signature".
        var origin = host.BaseAddress.GetLeftPart(UriPartial.Authority);
        Uri Raw(string target) => new(origin + target, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var s3 = host.CreateS3Client(new SessionAWSCredentials(Key1, Secret1, Token1));
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "sec", Key = "k", ContentBody = "x" });

        var signatures = new List<string>();
        var shown = new StringBuilder(); // explanation headers and explain answers
        var http = host.HttpClient;

        async Task SendAsync(HttpRequestMessage request)
        {
            using var response = await http.SendAsync(request);
            if (response.Headers.TryGetValues("x-fakes3-explanation", out var values)) shown.AppendLine(string.Join(' ', values));
        }
        Task GetAsync(string target, params (string, string)[] headers)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, Raw(target));
            foreach (var (n, v) in headers) request.Headers.TryAddWithoutValidation(n, v);
            return SendAsync(request);
        }
        string Presign(AmazonS3Client client, string key, int seconds = 300)
        {
            var url = new Uri(client.GetPreSignedURL(new GetPreSignedUrlRequest
            {
                BucketName = "sec", Key = key, Verb = HttpVerb.GET, Expires = DateTime.UtcNow.AddSeconds(seconds), Protocol = Protocol.HTTP,
            })).PathAndQuery;
            signatures.Add(url[(url.IndexOf("X-Amz-Signature=", StringComparison.Ordinal) + 16)..].Split('&')[0]);
            Assert.Contains("X-Amz-Security-Token=", url);
            return url;
        }

        // SigV4 presigned: tampered (SignatureDoesNotMatch, canonical request holds the token), name percent-encoded,
        // wrong token, expired, unsigned x-amz-* header, unknown key, host not signed
        var url = Presign(s3, "k");
        await GetAsync(url.Replace("/sec/k", "/sec/other"));
        var encodedName = url.Replace("X-Amz-Signature=", "X-Amz-Signatur%65=");
        await GetAsync(encodedName);
        await GetAsync(encodedName.Replace("/sec/k", "/sec/other"));
        // names that are not the parameter but hold its value (rejected as missing, logged with the target)
        await GetAsync(url.Replace("X-Amz-Signature=", "X-Amz-Signature%00="));
        await GetAsync(url.Replace("X-Amz-Signature=", "%20X-Amz-Signature="));
        await GetAsync(url.Replace("X-Amz-Security-Token=", "X-Amz-Security-Token%09="));
        using (var wrongToken = host.CreateS3Client(new SessionAWSCredentials(Key1, Secret1, Token2))) await GetAsync(Presign(wrongToken, "k"));
        await GetAsync(url, ("x-amz-meta-added", "late"));
        using (var unknown = host.CreateS3Client(new SessionAWSCredentials("AKIAUNKNOWNKEY", Secret1, Token1))) await GetAsync(Presign(unknown, "k"));
        using (var other = host.CreateS3Client(new SessionAWSCredentials(Key2, Secret2, Token2)))
        {
            var otherUrl = Presign(other, "k");
            await GetAsync(otherUrl.Replace("/sec/k", "/sec/else"));
        }
        var expiring = Presign(s3, "k", seconds: 1);
        host.Clock.Advance(TimeSpan.FromHours(1));
        await GetAsync(expiring);
        host.Clock.Reset();

        // SigV4 header auth with the token header and a wrong secret (canonical request holds x-amz-security-token)
        var now = host.Clock.GetUtcNow();
        var signedHeaders = new Dictionary<string, string>
        {
            ["host"] = host.BaseAddress.Authority, ["x-amz-date"] = IndependentSigV4.AmzDate(now),
            ["x-amz-content-sha256"] = IndependentSigV4.PayloadHashOfEmptyBody, ["x-amz-security-token"] = Token1,
        };
        var authorization = IndependentSigV4.Authorization("GET", "/sec/k", signedHeaders, Key1, Secret2, now);
        signatures.Add(authorization[(authorization.IndexOf("Signature=", StringComparison.Ordinal) + 10)..]);
        await GetAsync("/sec/k", [("Authorization", authorization), .. signedHeaders.Where(h => h.Key != "host").Select(h => (h.Key, h.Value))]);

        // SigV2 query and header with the token (StringToSign explanations)
        var v2Signature = "dGhpc2lzYXNpZ25hdHVyZXYyMTIzNDU2Nzg5MA==";
        signatures.Add(v2Signature);
        var expires = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
        await GetAsync($"/sec/k?AWSAccessKeyId={Key1}&Expires={expires}&Signature={Uri.EscapeDataString(v2Signature)}&x-amz-security-token={Uri.EscapeDataString(Token1)}");
        await GetAsync($"/sec/k?AWSAccessKeyId={Key1}&Expires={expires}&Signatur%65={Uri.EscapeDataString(v2Signature)}&X-Amz-Security-Token={Uri.EscapeDataString(Token1)}");
        await GetAsync("/sec/k", ("Authorization", $"AWS {Key1}:{v2Signature}"), ("x-amz-security-token", Token1), ("Date", DateTimeOffset.UtcNow.ToString("r")));
        await GetAsync("/sec/k", ("Authorization", $"AWS {Key2}:{v2Signature}"), ("x-amz-security-token", Token2), ("Date", DateTimeOffset.UtcNow.ToString("r")));

        // POST forms: a wrong signature, a wrong token field, a policy condition quoting another token
        var post = await s3.CreatePresignedPostAsync(new CreatePresignedPostRequest { BucketName = "sec", Key = "up.txt", Expires = DateTime.UtcNow.AddMinutes(10) });
        Assert.Equal(Token1, post.Fields["x-amz-security-token"]);
        signatures.Add(post.Fields["x-amz-signature"]);
        async Task PostAsync(Dictionary<string, string> fields)
        {
            var form = new MultipartFormDataContent();
            foreach (var (n, v) in fields) form.Add(new StringContent(v), n);
            form.Add(new ByteArrayContent("body"u8.ToArray()), "file", "f.txt");
            await SendAsync(new HttpRequestMessage(HttpMethod.Post, Raw("/sec")) { Content = form });
            using var explained = await http.PostAsJsonAsync("/_fakes3/explain", new { fields });
            shown.AppendLine(await explained.Content.ReadAsStringAsync());
        }
        await PostAsync(new(post.Fields) { ["x-amz-signature"] = new string('f', 64) });
        await PostAsync(new(post.Fields) { ["x-amz-security-token"] = Token2 });
        await PostAsync(new(post.Fields) { ["key"] = "elsewhere.txt" });
        using (var other = host.CreateS3Client(new SessionAWSCredentials(Key2, Secret2, Token2)))
        {
            var otherPost = await other.CreatePresignedPostAsync(new CreatePresignedPostRequest { BucketName = "sec", Key = "up.txt", Expires = DateTime.UtcNow.AddMinutes(10) });
            signatures.Add(otherPost.Fields["x-amz-signature"]);
            await PostAsync(new(otherPost.Fields) { ["x-amz-security-token"] = Token1 }); // condition quotes Token2
        }

        // the explain endpoint on each URL
        foreach (var target in new[] { url, encodedName, url.Replace("/sec/k", "/sec/other") })
            shown.AppendLine(await (await http.PostAsJsonAsync("/_fakes3/explain", new { url = origin + target, method = "GET" })).Content.ReadAsStringAsync());
        shown.AppendLine(await (await http.PostAsJsonAsync("/_fakes3/explain", new { url = $"{origin}/sec/k?AWSAccessKeyId={Key1}&Expires={expires}&Signature={Uri.EscapeDataString(v2Signature)}&x-amz-security-token={Uri.EscapeDataString(Token1)}" })).Content.ReadAsStringAsync());

        var requestLog = await http.GetStringAsync("/_fakes3/requests");
        var everything = requestLog + "\n" + serverLog.Text + "\n" + shown;

        // the run did exercise what it claims
        Assert.True(host.Requests.Snapshot(rejectedOnly: true).Count >= 15, requestLog);
        foreach (var code in new[] { "SignatureDoesNotMatch", "AccessDenied", "InvalidAccessKeyId" }) Assert.Contains(code, requestLog);
        Assert.Contains("\"canonicalRequest\"", requestLog);
        Assert.Contains("rejected", serverLog.Text);

        foreach (var secret in new[] { Token1, Token2, Uri.EscapeDataString(Token1), Uri.EscapeDataString(Token2), Secret1, Secret2, Uri.EscapeDataString(Secret1) })
            Assert.DoesNotContain(secret, everything);
        foreach (var signature in signatures)
        {
            Assert.DoesNotContain(signature, everything);
            Assert.DoesNotContain(Uri.EscapeDataString(signature), everything);
        }
        // InvalidAccessKeyId explanations name the presented key, never the configured ones
        var invalid = host.Requests.Snapshot(rejectedOnly: true).Where(e => e.ErrorCode == "InvalidAccessKeyId").ToList();
        Assert.NotEmpty(invalid);
        Assert.All(invalid, e =>
        {
            Assert.DoesNotContain(Key1, e.Explanation);
            Assert.DoesNotContain(Key2, e.Explanation);
            Assert.DoesNotContain(Hosting.FakeS3Options.DefaultAccessKeyId + "'", e.Explanation);
        });
    }
}
