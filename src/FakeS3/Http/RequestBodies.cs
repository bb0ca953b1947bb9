using FakeS3.Errors;
using FakeS3.Payload;

namespace FakeS3.Http;

/// <summary>Small XML request bodies (CreateBucket, DeleteObjects, CompleteMultipartUpload, tagging, CORS).</summary>
internal static class RequestBodies
{
    /// <summary>Reads and verifies (payload hash, Content-MD5, checksums) a small body, bounded by <paramref name="limit"/>.</summary>
    public static async Task<byte[]> ReadSmallAsync(S3RequestContext ctx, int limit, bool checksumHeadersDescribeBody = true)
    {
        using var payload = IncomingPayload.Create(ctx.Signable, ctx.Auth, ctx.Request.Body, checksumHeadersDescribeBody: checksumHeadersDescribeBody);
        using var ms = new MemoryStream();
        var buffer = new byte[8192];
        int n;
        while ((n = await payload.Body.ReadAsync(buffer, ctx.Http.RequestAborted)) > 0)
        {
            if (ms.Length + n > limit) throw new S3Exception(S3Errors.MalformedXml().WithExplanation($"XML body larger than {limit} bytes."));
            ms.Write(buffer, 0, n);
        }
        payload.Complete();
        return ms.ToArray();
    }
}
