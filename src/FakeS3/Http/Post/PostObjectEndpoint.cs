using System.Buffers;
using FakeS3.Checksums;
using FakeS3.Errors;
using FakeS3.Faults;
using FakeS3.Form;
using FakeS3.Http.Objects;
using FakeS3.Policy;
using FakeS3.Storage;

namespace FakeS3.Http.Post;

/// <summary>
/// Browser POST Object in S3's evaluation order [DERIVED spec §3.3]: multipart → key/signature fields →
/// credential → signature over the policy → policy parse → expiry/conditions/extra fields → size while
/// streaming → store → success_action_*.
/// </summary>
internal sealed class PostObjectEndpoint(PostFormAuthenticator authenticator) : IS3Endpoint
{
    public IEnumerable<(S3Operation, Func<S3RequestContext, Task>)> Operations => [(S3Operation.PostObject, HandleAsync)];

    async Task HandleAsync(S3RequestContext ctx)
    {
        var ct = ctx.Http.RequestAborted;
        var upload = await MultipartFormReader.ReadAsync(ctx.Request.ContentType, ctx.Request.BodyReader, ct);
        ObjectRecord record;
        ContentLengthRange? limit = null;
        ChecksumAlgorithm algorithm;
        string? expected;
        string key;
        try
        {
            Diagnostics.PresentedSecrets.Add(ctx.Http, upload.Form.Get("x-amz-signature"), upload.Form.Get("signature"), upload.Form.Get("x-amz-security-token"));
            PostFormValidator.Validate(upload.Form);
            var auth = PostFormAuth.Parse(upload.Form, ctx.Options.Region);
            var bucket = ctx.Store.GetBucket(ctx.Bucket);
            var policyText = authenticator.Verify(auth);
            if (bucket is null) throw new S3Exception(S3Errors.NoSuchBucket(ctx.Bucket));
            if (policyText is null && bucket.Acl != "public-read-write")
                throw new S3Exception(S3Errors.AccessDenied().WithExplanation("The form carries no signature fields and the bucket is not public-read-write."));

            if (policyText is not null)
            {
                var policy = PostPolicyDocument.Parse(policyText);
                if (PostPolicyEvaluator.EvaluateFields(policy, upload.Form, ctx.Bucket, ctx.Now) is { } denied) throw new S3Exception(denied);
                limit = PostPolicyEvaluator.SizeLimit(policy);
            }
            key = upload.Form.Get("key")!;
            if (ctx.Faults is not null && await FaultInjection.InjectAsync(ctx, FaultStage.AfterAuthentication, key)) return;
            record = PostObjectAttributes.From(upload.Form, ctx.Bucket, key);
            (algorithm, expected) = PostObjectAttributes.Checksum(upload.Form);
        }
        catch (S3Exception)
        {
            upload.Refused();
            throw;
        }

        using var blob = ctx.Store.OpenBlobWriter();
        using var md5 = new BodyMd5();
        var checksum = ChecksumCalculator.Create(algorithm);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        long size = 0;
        int n;
        try
        {
            while ((n = await upload.FileBody.ReadAsync(buffer, ct)) > 0)
            {
                size += n;
                if (limit is not null && limit.Exceeded(size))
                {
                    // content-length-range is enforced while streaming: from here on nothing is stored; the rest is
                    // only counted, so EntityTooLarge reports the real ProposedSize as S3 does [REC].
                    await blob.DisposeAsync();
                    while ((n = await upload.FileBody.ReadAsync(buffer, ct)) > 0) size += n;
                    throw new S3Exception(limit.CheckSize(size)!);
                }
                md5.Append(buffer.AsSpan(0, n));
                checksum.Append(buffer.AsSpan(0, n));
                await blob.WriteAsync(buffer.AsMemory(0, n), ct);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        await upload.EnsureSingleFileAsync(ct);
        if (limit?.CheckSize(size) is { } sizeError) throw new S3Exception(sizeError);
        var actual = checksum.ToBase64();
        if (expected is not null && expected != actual)
        {
            // Nothing is committed: the blob is discarded on dispose, so the object is not stored [DOC].
            throw new S3Exception(S3Errors.ChecksumMismatch(algorithm.UpperName())
                .WithExplanation($"Form field {algorithm.HeaderName()} is {expected}; the file's {algorithm.UpperName()} is {actual} over {size} bytes."));
        }

        record.Size = size;
        record.ETag = "\"" + md5.Hex() + "\"";
        record.ChecksumAlgorithm = algorithm.UpperName();
        record.ChecksumValue = actual;
        record.ChecksumType = "FULL_OBJECT";
        record.LastModified = ctx.Now.UtcDateTime;
        S3RequestContext.ThrowFor(await ctx.Store.CommitAsync(record, blob), ctx.Bucket, key);

        var result = PostSuccess.Build(upload.Form, ctx.Request.Scheme, ctx.Request.Host.Value ?? "", !ctx.Target.VirtualHosted, ctx.Bucket, key, record.ETag);
        ctx.Response.Headers.ETag = result.ETag;
        ctx.Response.Headers.Location = result.Location;
        ctx.Response.Headers["x-amz-server-side-encryption"] = "AES256";
        PayloadReceiver.WriteChecksumHeaders(ctx, record);
        if (result.Body is not null) await S3Responses.XmlBodyAsync(ctx, result.Body, result.Status);
        else await S3Responses.EmptyAsync(ctx, result.Status);
    }
}
