using System.Text;
using System.Xml.Linq;
using FakeS3.Errors;
using FakeS3.Payload;
using FakeS3.Storage;

namespace FakeS3.Http.Objects;

/// <summary>DeleteObject (204 whether or not the key existed) and DeleteObjects (up to 1000 keys).</summary>
internal sealed class DeleteObjectEndpoint : IS3Endpoint
{
    public IEnumerable<(S3Operation, Func<S3RequestContext, Task>)> Operations =>
        [(S3Operation.DeleteObject, DeleteOne), (S3Operation.DeleteObjects, DeleteMany)];

    static Task DeleteOne(S3RequestContext ctx)
    {
        ctx.RequireBucket();
        // Deleting a version that does not exist is a success that deletes nothing, echoing the id [2ND minio#18117,
        // versitygw#1758 quoting S3]; here every version but "null" does not exist. (It deleted the object.)
        if (VersionIds.Requested(ctx) is { } versionId && versionId != "null")
        {
            ctx.Response.Headers["x-amz-version-id"] = versionId;
            return S3Responses.EmptyAsync(ctx, 204);
        }
        var status = ctx.Store.DeleteObject(ctx.Bucket, ctx.Key);
        if (status == StoreStatus.NoSuchBucket) S3RequestContext.ThrowFor(status, ctx.Bucket);
        return S3Responses.EmptyAsync(ctx, 204);
    }

    static async Task DeleteMany(S3RequestContext ctx)
    {
        ctx.RequireBucket();
        // S3 requires an integrity check on this body: Content-MD5 or (since flexible checksums) an
        // x-amz-checksum-* header, trailer or x-amz-sdk-checksum-algorithm [DOC DeleteObjects; WIRE aws/aws-cli#400].
        if (ctx.Signable.Header("Content-MD5") is null && ChecksumExpectation.From(ctx.Signable).Algorithm is null)
            throw new S3Exception(S3Errors.MissingContentMd5());
        var body = await RequestBodies.ReadSmallAsync(ctx, 2 * 1024 * 1024);
        var (keys, quiet) = Parse(body);
        var sb = new StringBuilder($"<DeleteResult xmlns=\"{S3Responses.Namespace}\">");
        foreach (var (key, versionId) in keys)
        {
            // A version that does not exist (any but "null") is reported Deleted and nothing is deleted, as S3 does
            // [WIRE minio/minio#11086: AWS's answer]; it answered NoSuchVersion.
            if (versionId is null || versionId == "null") ctx.Store.DeleteObject(ctx.Bucket, key);
            if (quiet) continue;
            sb.Append("<Deleted><Key>").Append(Xml.Escape(key)).Append("</Key>");
            if (versionId is not null) sb.Append("<VersionId>").Append(Xml.Escape(versionId)).Append("</VersionId>");
            sb.Append("</Deleted>");
        }
        sb.Append("</DeleteResult>");
        await S3Responses.XmlAsync(ctx, sb);
    }

    static (List<(string Key, string? VersionId)>, bool Quiet) Parse(byte[] body)
    {
        var root = XmlBody.Root(body, "Delete");
        var quiet = root.ChildValue("Quiet")?.Trim() == "true";
        var keys = new List<(string, string?)>();
        foreach (var o in root.Children("Object"))
            keys.Add((o.ChildValue("Key") ?? throw new S3Exception(S3Errors.MalformedXml()), o.ChildValue("VersionId")));
        if (keys.Count is 0 or > 1000) throw new S3Exception(S3Errors.MalformedXml());
        return (keys, quiet);
    }
}
