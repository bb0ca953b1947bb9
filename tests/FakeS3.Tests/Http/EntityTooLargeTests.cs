using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Http;

/// <summary>
/// A PutObject or UploadPart announcing more than 5 GiB is S3's 400 EntityTooLarge with ProposedSize and
/// MaxSizeAllowed, before any body byte is read [WIRE versitygw#2041 quoting S3]. FakeS3 answered Kestrel's body-limit
/// failure as 400 IncompleteBody "The request body terminated unexpectedly", which tells a client to retry a request
/// that can never succeed. The connection is closed: such a body is never worth draining.
/// </summary>
public sealed class EntityTooLargeTests
{
    const long SixGiB = 6L * 1024 * 1024 * 1024;

    [Theory]
    [InlineData(false, false, 5L * 1024 * 1024 * 1024 + 1)]
    [InlineData(false, true, SixGiB)]
    [InlineData(true, false, SixGiB)]
    public async Task ProposedSizeOver5GiB_400EntityTooLarge_ConnectionClosed_NothingStored(bool uploadPart, bool expectContinue, long size)
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("too-large");
        var uploadId = uploadPart ? (await client.InitiateMultipartUploadAsync("too-large", "k")).UploadId : null;
        var url = new Uri(await client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = "too-large", Key = "k", Verb = HttpVerb.PUT, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(5),
            UploadId = uploadId, PartNumber = uploadId is null ? null : 1,
        }));

        await using var c = await RawHttpConnection.OpenAsync(s3.BaseAddress);
        await c.SendAsync($"PUT {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nContent-Length: {size}\r\n"
            + (expectContinue ? "Expect: 100-continue\r\n\r\n" : "\r\n" + new string('x', 4096)));
        var answer = await c.ReadResponseAsync(TimeSpan.FromSeconds(10));

        Assert.NotNull(answer);
        Assert.Equal(400, answer.Status);
        Assert.Contains("<Code>EntityTooLarge</Code><Message>Your proposed upload exceeds the maximum allowed size</Message>"
            + $"<ProposedSize>{size}</ProposedSize><MaxSizeAllowed>5368709120</MaxSizeAllowed>", answer.Text);
        Assert.True(answer.ClosesConnection);
        if (uploadId is null)
        {
            var e = await Assert.ThrowsAsync<AmazonS3Exception>(() => client.GetObjectMetadataAsync("too-large", "k"));
            Assert.Equal(System.Net.HttpStatusCode.NotFound, e.StatusCode);
        }
        else
        {
            Assert.Empty((await client.ListPartsAsync("too-large", "k", uploadId)).Parts ?? []);
        }
    }
}
