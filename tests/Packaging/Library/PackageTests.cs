using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Testing;

// What a user of the FakeS3 package writes: the README's xunit example, through the package only.
public class PackageTests
{
    [Fact]
    public async Task Presigned_put_then_presigned_get_returns_the_same_bytes()
    {
        await using var host = await FakeS3Host.StartAsync(o => o.Buckets.Add("uploads"));
        using var s3 = host.CreateS3Client();

        var put = Presign(s3, HttpVerb.PUT, "hello.txt");
        // No Content-Type: AWSSDK.S3 3.7 presigns with SigV2 in us-east-1, which signs the Content-Type (S3 too).
        using (var response = await host.HttpClient.PutAsync(put, new ByteArrayContent("hello from a package"u8.ToArray())))
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        var get = Presign(s3, HttpVerb.GET, "hello.txt");
        Assert.Equal("hello from a package", await host.HttpClient.GetStringAsync(get));
    }

    [Fact]
    public async Task Post_policy_accepts_a_key_inside_the_prefix_and_rejects_one_outside()
    {
        await using var host = await FakeS3Host.StartAsync(o => o.Buckets.Add("uploads"));

        using (var accepted = await host.HttpClient.PostAsync("/uploads", PolicyForm(host, "user-1/photo.jpg")))
            Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);

        using var rejected = await host.HttpClient.PostAsync("/uploads", PolicyForm(host, "other/photo.jpg"));
        var body = await rejected.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, rejected.StatusCode);
        Assert.Contains("<Code>AccessDenied</Code>", body);
        Assert.Contains("Invalid according to Policy: Policy Condition failed", body);
        var logged = Assert.Single(host.Requests.Snapshot(rejectedOnly: true));
        Assert.Equal("AccessDenied", logged.ErrorCode);
        Assert.False(string.IsNullOrEmpty(logged.Explanation));
    }

    [Fact]
    public async Task Clock_moves_a_presigned_url_past_its_expiry()
    {
        await using var host = await FakeS3Host.StartAsync(o => o.Buckets.Add("uploads"));
        using var s3 = host.CreateS3Client();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "uploads", Key = "a.txt", ContentBody = "a" });
        var url = Presign(s3, HttpVerb.GET, "a.txt");

        host.Clock.Advance(TimeSpan.FromMinutes(10));

        using var response = await host.HttpClient.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Request has expired", await response.Content.ReadAsStringAsync());
    }

    static string Presign(AmazonS3Client s3, HttpVerb verb, string key) =>
        s3.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = "uploads", Key = key, Verb = verb, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(5),
        });

    /// <summary>A browser-style POST form: policy with starts-with "user-1/", SigV4-signed with the host's key.</summary>
    static MultipartFormDataContent PolicyForm(FakeS3Host host, string key)
    {
        var now = DateTime.UtcNow;
        var date = now.ToString("yyyyMMdd");
        var credential = $"{host.AccessKeyId}/{date}/{host.Region}/s3/aws4_request";
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'");
        var policy = $$"""
            {"expiration":"{{now.AddMinutes(5):yyyy-MM-dd'T'HH:mm:ss'Z'}}","conditions":[{"bucket":"uploads"},
             ["starts-with","$key","user-1/"],{"x-amz-algorithm":"AWS4-HMAC-SHA256"},{"x-amz-credential":"{{credential}}"},
             {"x-amz-date":"{{amzDate}}"}]}
            """;
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(policy));
        var signingKey = new[] { date, host.Region, "s3", "aws4_request" }
            .Aggregate(Encoding.UTF8.GetBytes("AWS4" + host.SecretAccessKey), (k, part) => HMACSHA256.HashData(k, Encoding.UTF8.GetBytes(part)));
        var signature = Convert.ToHexString(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(encoded))).ToLowerInvariant();
        return new MultipartFormDataContent
        {
            { new StringContent(key), "key" },
            { new StringContent("AWS4-HMAC-SHA256"), "x-amz-algorithm" },
            { new StringContent(credential), "x-amz-credential" },
            { new StringContent(amzDate), "x-amz-date" },
            { new StringContent(encoded), "policy" },
            { new StringContent(signature), "x-amz-signature" },
            { new ByteArrayContent("photo"u8.ToArray()), "file", "photo.jpg" },
        };
    }
}
