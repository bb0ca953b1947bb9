using FakeS3.Checksums;
using FakeS3.Payload;
using FakeS3.Storage;

namespace FakeS3.Http.Objects;

/// <summary>
/// Streams a request body through the payload verifier into a new blob. The blob stays invisible until the
/// caller commits it; on any failure the caller disposes it and the partial bytes are deleted.
/// </summary>
internal static class PayloadReceiver
{
    /// <param name="beforeBody">Checks on the parsed request made before any body byte is read (throws S3Exception).</param>
    public static async Task<(BlobWriter Blob, PayloadDigest Digest)> ReceiveAsync(S3RequestContext ctx, bool isUploadPart,
        ChecksumAlgorithm? alsoCompute = null, Action<IncomingPayload>? beforeBody = null)
    {
        // Disposed: its aws-chunked decoder returns a pooled 64 KiB buffer and its hashes free their native state
        // (undisposed, every SDK PutObject dropped a buffer from the shared pool and left its hashes to finalizers).
        using var payload = IncomingPayload.Create(ctx.Signable, ctx.Auth, ctx.Request.Body, isUploadPart, alsoCompute);
        beforeBody?.Invoke(payload);
        var blob = ctx.Store.OpenBlobWriter(payload.DeclaredLength);
        try
        {
            await payload.Body.CopyToAsync(blob, 64 * 1024, ctx.Http.RequestAborted);
            return (blob, payload.Complete());
        }
        catch
        {
            await blob.DisposeAsync();
            throw;
        }
    }

    public static void ApplyDigest(ObjectRecord record, PayloadDigest digest)
    {
        record.Size = digest.Size;
        record.ETag = "\"" + digest.Md5Hex + "\"";
        record.ChecksumAlgorithm = digest.ChecksumAlgorithm.UpperName();
        record.ChecksumValue = digest.ChecksumBase64;
        record.ChecksumType = digest.ChecksumType;
    }

    public static void WriteChecksumHeaders(S3RequestContext ctx, ObjectRecord record)
    {
        if (record.ChecksumAlgorithm is null || record.ChecksumValue is null) return;
        ctx.Response.Headers["x-amz-checksum-" + record.ChecksumAlgorithm.ToLowerInvariant()] = record.ChecksumValue;
        ctx.Response.Headers["x-amz-checksum-type"] = record.ChecksumType ?? "FULL_OBJECT";
    }
}
