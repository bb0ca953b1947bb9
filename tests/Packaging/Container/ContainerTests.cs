using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Testcontainers;

// The README's Testcontainers example, end to end against the image docker/ builds.
public class ContainerTests
{
    static readonly string Image = Environment.GetEnvironmentVariable("FAKES3_IMAGE") ?? FakeS3Builder.DefaultImage;

    [Fact]
    public async Task Container_with_a_bucket_and_credentials_serves_presigned_urls_and_rejects_a_wrong_secret()
    {
        await using var container = new FakeS3Builder(Image)
            .WithBucket("uploads")
            .WithCredentials("AKIDCONTAINER", "container-secret")
            .Build();
        await container.StartAsync();

        using var s3 = container.CreateS3Client();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "uploads", Key = "a.txt", ContentBody = "from a container" });
        var url = s3.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = "uploads", Key = "a.txt", Verb = HttpVerb.GET, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(5),
        });
        Assert.StartsWith(container.GetEndpoint().ToString(), url);
        using var http = new HttpClient();
        Assert.Equal("from a container", await http.GetStringAsync(url));

        using var wrong = new AmazonS3Client(new BasicAWSCredentials(container.GetAccessKeyId(), "not-the-secret"),
            new AmazonS3Config { ServiceURL = container.GetConnectionString(), ForcePathStyle = true, AuthenticationRegion = container.GetRegion(), MaxErrorRetry = 0 });
        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => wrong.GetObjectAsync("uploads", "a.txt"));
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);

        // the admin API in the container needs the module's token
        var log = new Uri(container.GetEndpoint(), "/_fakes3/requests?rejected=true&limit=1");
        using (var anonymous = await http.GetAsync(log))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, log);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", container.GetAdminToken());
        using var answer = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("SignatureDoesNotMatch", await answer.Content.ReadAsStringAsync());
    }
}
