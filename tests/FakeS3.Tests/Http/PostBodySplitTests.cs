using System.Text;
using Amazon.S3.Model;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Http;

/// <summary>
/// A browser POST over a real socket whose body arrives in small pieces (boundaries and part headers split across
/// reads of the request pipe, issue 14's fast multipart path): stored byte for byte, a cut-off form refused, and the
/// connection usable afterwards.
/// </summary>
public sealed class PostBodySplitTests
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    const string Boundary = "----splitboundary31";

    static async Task<byte[]> Form(Amazon.S3.AmazonS3Client client, string key, byte[] file, bool finalBoundary = true)
    {
        var post = await client.CreatePresignedPostAsync(new CreatePresignedPostRequest
        {
            BucketName = "split", Key = key, Expires = DateTime.UtcNow.AddMinutes(10),
        });
        var text = new StringBuilder();
        foreach (var (name, value) in post.Fields)
            text.Append($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
        text.Append($"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        return [.. Encoding.UTF8.GetBytes(text.ToString()), .. file, .. Encoding.ASCII.GetBytes(finalBoundary ? $"\r\n--{Boundary}--\r\n" : "\r\n")];
    }

    static async Task<RawHttpResponse> PostInPieces(RawHttpConnection c, Uri server, byte[] body, int piece)
    {
        await c.SendAsync($"POST /split HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: multipart/form-data; boundary={Boundary}\r\nContent-Length: {body.Length}\r\n\r\n");
        for (var i = 0; i < body.Length; i += piece)
        {
            await c.SendAsync(body[i..Math.Min(body.Length, i + piece)]);
            if (i / piece % 16 == 0) await Task.Delay(1); // let the server read between pieces
        }
        return await c.ReadResponseAsync(Timeout) ?? throw new IOException("no answer");
    }

    [Fact]
    public async Task BodyInSmallPieces_StoredByteForByte_ThenCutOffFormRefused_OnOneConnection()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("split");
        var file = new byte[5000];
        new Random(7).NextBytes(file);
        // The file holds the boundary's pieces: only CRLF--boundary ends it.
        Encoding.ASCII.GetBytes($"\r\n--{Boundary[..^1]}\r\n--").CopyTo(file, 100);
        await using var c = await RawHttpConnection.OpenAsync(s3.BaseAddress);

        var stored = await PostInPieces(c, s3.BaseAddress, await Form(client, "a.bin", file), piece: 7);
        Assert.Equal(204, stored.Status);
        using (var get = await client.GetObjectAsync("split", "a.bin"))
        {
            var read = new MemoryStream();
            await get.ResponseStream.CopyToAsync(read);
            Assert.Equal(file, read.ToArray());
        }

        await using var c2 = await RawHttpConnection.OpenAsync(s3.BaseAddress);
        var refused = await PostInPieces(c2, s3.BaseAddress, await Form(client, "b.bin", file, finalBoundary: false), piece: 13);
        Assert.Equal(400, refused.Status);
        Assert.True(refused.Text.Contains("<Code>MalformedPOSTRequest</Code>"), refused.Text);
        await Assert.ThrowsAnyAsync<Amazon.S3.AmazonS3Exception>(() => client.GetObjectMetadataAsync("split", "b.bin"));

        if (!refused.ClosesConnection)
        {
            var again = await PostInPieces(c, s3.BaseAddress, await Form(client, "c.bin", file), piece: 4096);
            Assert.Equal(204, again.Status);
        }
    }
}
