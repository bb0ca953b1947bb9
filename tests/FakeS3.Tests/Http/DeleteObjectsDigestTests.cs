using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amazon.S3.Model;
using FakeS3.Conformance.Signing;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Http;

/// <summary>
/// DeleteObjects needs an integrity check on its body: S3 answers 400 InvalidRequest "Missing required header for
/// this request: Content-MD5" without Content-MD5 or a flexible checksum [WIRE aws/aws-cli#400]. FakeS3 deleted
/// the keys anyway, so a client that forgot the header passed here and failed against S3.
/// </summary>
public sealed class DeleteObjectsDigestTests
{
    const string Xml = "<Delete><Object><Key>a</Key></Object><Object><Key>b</Key></Object></Delete>";

    static async Task<(HttpStatusCode Status, string Body)> DeleteObjectsAsync(TestFakeS3 s3, params (string Name, string Value)[] headers)
    {
        using var http = s3.CreateHttpClient();
        var body = Encoding.UTF8.GetBytes(Xml);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(s3.BaseAddress, "/digest?delete")) { Content = new ByteArrayContent(body) };
        foreach (var (name, value) in headers)
        {
            if (name == "Content-MD5") request.Content.Headers.ContentMD5 = Convert.FromBase64String(value);
            else request.Headers.TryAddWithoutValidation(name, value);
        }
        SigV4.SignHeaders(request, new HeaderSignSpec
        {
            AccessKeyId = TestFakeS3.AccessKey, Secret = TestFakeS3.SecretKey, Region = "us-east-1", Date = DateTime.UtcNow,
            PayloadHash = SigV4.Sha256Hex(body),
        });
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    static async Task<TestFakeS3> StartWithTwoObjectsAsync()
    {
        var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("digest");
        foreach (var key in new[] { "a", "b" }) await client.PutObjectAsync(new PutObjectRequest { BucketName = "digest", Key = key, ContentBody = key });
        return s3;
    }

    static async Task<List<string>> KeysAsync(TestFakeS3 s3)
    {
        using var client = s3.CreateS3Client();
        return [.. ((await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "digest" })).S3Objects ?? []).Select(o => o.Key)];
    }

    [Fact]
    public async Task NoContentMd5AndNoChecksum_400InvalidRequest_DeletesNothing()
    {
        await using var s3 = await StartWithTwoObjectsAsync();

        var (status, body) = await DeleteObjectsAsync(s3);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("<Code>InvalidRequest</Code><Message>Missing required header for this request: Content-MD5</Message>", body);
        Assert.Equal(["a", "b"], await KeysAsync(s3));
    }

    [Theory]
    [InlineData("Content-MD5")]
    [InlineData("x-amz-checksum-sha256")]
    [InlineData("x-amz-sdk-checksum-algorithm")]
    public async Task ContentMd5OrAFlexibleChecksum_Deletes(string header)
    {
        await using var s3 = await StartWithTwoObjectsAsync();
        var body = Encoding.UTF8.GetBytes(Xml);
        var value = header switch
        {
            "Content-MD5" => Convert.ToBase64String(MD5.HashData(body)),
            "x-amz-checksum-sha256" => Convert.ToBase64String(SHA256.HashData(body)),
            _ => "CRC32",
        };

        var (status, response) = await DeleteObjectsAsync(s3, (header, value));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<Deleted><Key>a</Key></Deleted><Deleted><Key>b</Key></Deleted>", response);
        Assert.Empty(await KeysAsync(s3));
    }

    [Fact]
    public async Task Sdk_DeleteObjects_StillWorks()
    {
        await using var s3 = await StartWithTwoObjectsAsync();
        using var client = s3.CreateS3Client();

        var result = await client.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = "digest", Objects = [new KeyVersion { Key = "a" }, new KeyVersion { Key = "b" }] });

        Assert.Equal(2, result.DeletedObjects.Count);
        Assert.Empty(await KeysAsync(s3));
    }
}
