using System.Net;
using FakeS3.Conformance.Signing;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Http;

/// <summary>
/// max-uploads and max-parts that are not counts are S3's 400 InvalidArgument ("Provided max-uploads not an
/// integer or within integer range" [2ND versitygw#1794 quoting S3]; negative: "Argument max-parts must be an
/// integer between 0 and 2147483647" [2ND versitygw#329]); FakeS3 served them as 1000.
/// </summary>
public sealed class MultipartListLimitTests
{
    static async Task<(HttpStatusCode Status, string Body)> GetAsync(TestFakeS3 s3, string pathAndQuery)
    {
        using var http = s3.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(s3.BaseAddress, pathAndQuery));
        SigV4.SignHeaders(request, new HeaderSignSpec
        {
            AccessKeyId = TestFakeS3.AccessKey, Secret = TestFakeS3.SecretKey, Region = "us-east-1", Date = DateTime.UtcNow,
        });
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("max-uploads", "abc", "Provided max-uploads not an integer or within integer range")]
    [InlineData("max-uploads", "2147483648", "Provided max-uploads not an integer or within integer range")]
    [InlineData("max-uploads", "+5", "Provided max-uploads not an integer or within integer range")]
    [InlineData("max-uploads", "-1", "Argument max-uploads must be an integer between 0 and 2147483647")]
    [InlineData("max-parts", "1.5", "Provided max-parts not an integer or within integer range")]
    [InlineData("max-parts", "-7", "Argument max-parts must be an integer between 0 and 2147483647")]
    public async Task NotACount_400InvalidArgument(string name, string value, string message)
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("limits");
        var upload = await client.InitiateMultipartUploadAsync("limits", "k");
        var target = name == "max-uploads" ? $"/limits?uploads&max-uploads={value}" : $"/limits/k?uploadId={upload.UploadId}&max-parts={value}";

        var (status, body) = await GetAsync(s3, target.Replace("+", "%2B"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"<Code>InvalidArgument</Code><Message>{message}</Message><ArgumentName>{name}</ArgumentName><ArgumentValue>{value}</ArgumentValue>", body);
    }

    [Theory]
    [InlineData("max-uploads", "5000", "<MaxUploads>1000</MaxUploads>")]
    [InlineData("max-uploads", "0", "<MaxUploads>0</MaxUploads>")]
    [InlineData("max-parts", "2", "<MaxParts>2</MaxParts>")]
    public async Task ACount_IsServed(string name, string value, string expected)
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("limits");
        var upload = await client.InitiateMultipartUploadAsync("limits", "k");
        var target = name == "max-uploads" ? $"/limits?uploads&max-uploads={value}" : $"/limits/k?uploadId={upload.UploadId}&max-parts={value}";

        var (status, body) = await GetAsync(s3, target);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(expected, body);
    }
}
