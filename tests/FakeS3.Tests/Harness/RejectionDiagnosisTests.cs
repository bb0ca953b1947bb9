using System.Net;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Testing;

namespace FakeS3.Tests.Harness;

/// <summary>Real rejections through the pipeline, each with its own logged diagnosis.</summary>
public class RejectionDiagnosisTests
{
    [Fact]
    public async Task HostTrap_UrlSignedForLocalhostSentTo127001_IsRejectedAndNamesTheHost()
    {
        await using var host = await FakeS3Host.StartAsync(o => o.Buckets.Add("trap"), useKestrel: true);
        var port = host.BaseAddress.Port;
        var credential = host.Options.EffectiveCredentials[0];
        using var signer = new AmazonS3Client(new BasicAWSCredentials(credential.AccessKeyId, credential.SecretAccessKey),
            new AmazonS3Config { ServiceURL = $"http://localhost:{port}", ForcePathStyle = true, AuthenticationRegion = host.Options.Region });
        var url = HarnessClient.PresignGet(signer, "trap", "k.txt", TimeSpan.FromMinutes(5));
        Assert.Contains($"//localhost:{port}/", url);

        var response = await host.HttpClient.GetAsync(url.Replace($"//localhost:{port}/", $"//127.0.0.1:{port}/"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("SignatureDoesNotMatch", await HarnessClient.ErrorCodeAsync(response));
        var entry = host.Requests.Latest!;
        Assert.Contains($"signed for host 'localhost:{port}'", entry.Explanation);
        Assert.Contains($"Host '127.0.0.1:{port}'", entry.Explanation);
        Assert.Contains($"host:127.0.0.1:{port}", entry.CanonicalRequest);
        Assert.NotNull(entry.StringToSign);
    }

    [Fact]
    public async Task SignedHeaderChangedAfterSigning_IsDiagnosedAsHeaderChanged()
    {
        await using var host = await FakeS3Host.StartAsync(o => o.Buckets.Add("hdr"));
        using var s3 = host.CreateS3Client();
        var url = s3.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = "hdr", Key = "k.txt", Verb = HttpVerb.PUT, ContentType = "text/plain",
            Expires = DateTime.UtcNow.AddMinutes(5), Protocol = Protocol.HTTP,
        });
        // StringContent sends "text/plain; charset=utf-8": the classic change after signing.
        var response = await host.HttpClient.PutAsync(url, new StringContent("body", Encoding.UTF8, "text/plain"));

        Assert.Equal("SignatureDoesNotMatch", await HarnessClient.ErrorCodeAsync(response));
        Assert.Contains("HeaderChanged", host.Requests.Latest!.Explanation);
        Assert.Contains("'content-type'", host.Requests.Latest!.Explanation);
    }

    [Fact]
    public async Task AmzHeaderAddedAfterSigning_IsRejectedAndNamed()
    {
        await using var host = await FakeS3Host.StartAsync(o => o.Buckets.Add("hdr"));
        using var s3 = host.CreateS3Client();
        var url = HarnessClient.PresignGet(s3, "hdr", "k.txt", TimeSpan.FromMinutes(5));
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("x-amz-meta-added", "later");

        var response = await host.HttpClient.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("x-amz-meta-added", host.Requests.Latest!.Explanation);
        Assert.Contains("added after signing", host.Requests.Latest!.Explanation);
    }

    [Fact]
    public async Task WrongSecret_IsDiagnosedAsWrongSecret()
    {
        await using var host = await FakeS3Host.StartAsync(o => o.Buckets.Add("secret"));
        using var s3 = host.CreateS3Client(host.Options.EffectiveCredentials[0].AccessKeyId, "not-the-secret");
        var e = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "secret" }));
        Assert.Equal("SignatureDoesNotMatch", e.ErrorCode);
        var explanation = host.Requests.Latest!.Explanation!;
        Assert.Contains("WrongSecretOrTampered", explanation);
        Assert.Contains("secret", explanation);
        Assert.DoesNotContain(host.Options.EffectiveCredentials[0].SecretAccessKey, explanation);
    }
}
