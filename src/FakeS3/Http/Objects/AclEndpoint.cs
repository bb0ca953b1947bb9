using System.Text;
using FakeS3.Errors;

namespace FakeS3.Http.Objects;

/// <summary>
/// Canned ACLs only: Put{Object,Bucket}Acl take x-amz-acl (or a policy whose group grants match a canned ACL);
/// Get renders the canned ACL's grant list in S3's order (<see cref="CannedAcl.Grants"/>).
/// </summary>
internal sealed class AclEndpoint : IS3Endpoint
{
    public IEnumerable<(S3Operation, Func<S3RequestContext, Task>)> Operations =>
    [
        (S3Operation.GetObjectAcl, GetObjectAcl),
        (S3Operation.GetBucketAcl, ctx => Render(ctx, ctx.RequireBucket().Acl)),
        (S3Operation.PutObjectAcl, PutObjectAcl),
        (S3Operation.PutBucketAcl, PutBucketAcl),
    ];

    // Like every object operation, only the "null" version exists: another id is NoSuchVersion, never the current
    // object (PutObjectAcl?versionId=<old> made the current object public).
    static Task GetObjectAcl(S3RequestContext ctx)
    {
        VersionIds.RequireNullOrAbsent(ctx);
        return Render(ctx, ctx.RequireObject().Acl);
    }

    static async Task PutObjectAcl(S3RequestContext ctx)
    {
        VersionIds.RequireNullOrAbsent(ctx);
        var obj = ctx.RequireObject();
        obj.Acl = await ReadAcl(ctx);
        S3RequestContext.ThrowFor(ctx.Store.UpdateMetadata(obj), ctx.Bucket, ctx.Key);
        await S3Responses.EmptyAsync(ctx);
    }

    static async Task PutBucketAcl(S3RequestContext ctx)
    {
        var bucket = ctx.RequireBucket();
        bucket.Acl = await ReadAcl(ctx);
        ctx.Store.UpdateBucket(bucket);
        await S3Responses.EmptyAsync(ctx);
    }

    static async Task<string> ReadAcl(S3RequestContext ctx)
    {
        var body = await RequestBodies.ReadSmallAsync(ctx, 64 * 1024);
        if (ctx.Header("x-amz-acl") is { } canned) return CannedAcl.FromHeader(canned);
        if (body.Length == 0) throw new S3Exception(S3Errors.MalformedXml());
        var xml = XmlBody.Text(body);
        if (!xml.Contains("AccessControlPolicy", StringComparison.Ordinal)) throw new S3Exception(S3Errors.MalformedXml());
        var allUsers = xml.Contains(CannedAcl.AllUsers, StringComparison.Ordinal);
        if (allUsers && xml.Contains("<Permission>WRITE</Permission>", StringComparison.Ordinal)) return "public-read-write";
        if (allUsers && xml.Contains("<Permission>READ</Permission>", StringComparison.Ordinal)) return "public-read";
        if (xml.Contains(CannedAcl.Ec2ExecReadId, StringComparison.Ordinal)) return "aws-exec-read";
        return xml.Contains(CannedAcl.AuthenticatedUsers, StringComparison.Ordinal) ? "authenticated-read" : "private";
    }

    static Task Render(S3RequestContext ctx, string acl)
    {
        var owner = $"<ID>{Owner.Id}</ID><DisplayName>{Owner.DisplayName}</DisplayName>";
        var sb = new StringBuilder($"<AccessControlPolicy xmlns=\"{S3Responses.Namespace}\"><Owner>{owner}</Owner><AccessControlList>");
        foreach (var (grantee, permission) in CannedAcl.Grants(acl))
        {
            sb.Append("<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"")
              .Append(grantee switch
              {
                  { GroupUri: { } uri } => "Group\"><URI>" + uri + "</URI>",
                  { Id: { } id } => $"CanonicalUser\"><ID>{id}</ID><DisplayName>{grantee.DisplayName}</DisplayName>",
                  _ => "CanonicalUser\">" + owner,
              })
              .Append("</Grantee><Permission>").Append(permission).Append("</Permission></Grant>");
        }
        sb.Append("</AccessControlList></AccessControlPolicy>");
        return S3Responses.XmlAsync(ctx, sb);
    }
}
