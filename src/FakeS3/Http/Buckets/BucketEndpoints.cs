using System.Text;
using System.Xml.Linq;
using FakeS3.Errors;
using FakeS3.Storage;

namespace FakeS3.Http.Buckets;

/// <summary>ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation, GetBucketVersioning.</summary>
internal sealed class BucketEndpoints : IS3Endpoint
{
    public IEnumerable<(S3Operation, Func<S3RequestContext, Task>)> Operations =>
    [
        (S3Operation.ListBuckets, ListBuckets),
        (S3Operation.CreateBucket, CreateBucket),
        (S3Operation.HeadBucket, HeadBucket),
        (S3Operation.DeleteBucket, DeleteBucket),
        (S3Operation.GetBucketLocation, GetLocation),
        (S3Operation.GetBucketVersioning, GetVersioning),
        (S3Operation.PutBucketVersioning, PutVersioning),
    ];

    static Task ListBuckets(S3RequestContext ctx)
    {
        var sb = new StringBuilder($"<ListAllMyBucketsResult xmlns=\"{S3Responses.Namespace}\"><Owner><ID>{Owner.Id}</ID><DisplayName>{Owner.DisplayName}</DisplayName></Owner><Buckets>");
        foreach (var b in ctx.Store.ListBuckets())
        {
            sb.Append("<Bucket><Name>").Append(Xml.Escape(b.Id)).Append("</Name><CreationDate>")
              .Append(Formats.Iso8601(b.CreationDate)).Append("</CreationDate><BucketRegion>")
              .Append(b.Region).Append("</BucketRegion></Bucket>");
        }
        sb.Append("</Buckets></ListAllMyBucketsResult>");
        return S3Responses.XmlAsync(ctx, sb.ToString());
    }

    static async Task CreateBucket(S3RequestContext ctx)
    {
        if (!BucketName.IsValid(ctx.Bucket)) throw new S3Exception(S3Errors.InvalidBucketName(ctx.Bucket));
        var region = ctx.Options.Region;
        var body = await RequestBodies.ReadSmallAsync(ctx, 64 * 1024);
        if (body.Length > 0)
        {
            var location = ParseLocationConstraint(body);
            // S3 rejects a constraint naming another region (and "us-east-1" spelled out) for this endpoint.
            if (location is not null && location != region || location == "us-east-1")
                throw new S3Exception(S3Errors.InvalidLocationConstraint(location));
        }
        var acl = CannedAcl.FromHeader(ctx.Header("x-amz-acl"));
        var status = ctx.Store.CreateBucket(new BucketRecord { Id = ctx.Bucket, CreationDate = ctx.Now.UtcDateTime, Region = region, Acl = acl });
        S3RequestContext.ThrowFor(status, ctx.Bucket);
        ctx.Response.Headers.Location = "/" + ctx.Bucket;
        await S3Responses.EmptyAsync(ctx);
    }

    static string? ParseLocationConstraint(byte[] body)
    {
        var v = XmlBody.Root(body, "CreateBucketConfiguration").ChildValue("LocationConstraint");
        return string.IsNullOrEmpty(v) ? null : v;
    }

    static Task HeadBucket(S3RequestContext ctx)
    {
        var bucket = ctx.RequireBucket();
        ctx.Response.Headers["x-amz-bucket-region"] = bucket.Region;
        return S3Responses.EmptyAsync(ctx);
    }

    static Task DeleteBucket(S3RequestContext ctx)
    {
        S3RequestContext.ThrowFor(ctx.Store.DeleteBucket(ctx.Bucket), ctx.Bucket);
        return S3Responses.EmptyAsync(ctx, 204);
    }

    static Task GetLocation(S3RequestContext ctx)
    {
        var bucket = ctx.RequireBucket();
        // S3 answers an empty LocationConstraint for us-east-1.
        var value = bucket.Region == "us-east-1" ? "" : bucket.Region;
        return S3Responses.XmlAsync(ctx, $"<LocationConstraint xmlns=\"{S3Responses.Namespace}\">{value}</LocationConstraint>");
    }

    static Task GetVersioning(S3RequestContext ctx)
    {
        ctx.RequireBucket();
        // A never-versioned bucket: S3 returns an empty VersioningConfiguration.
        return S3Responses.XmlAsync(ctx, $"<VersioningConfiguration xmlns=\"{S3Responses.Namespace}\"/>");
    }

    static Task PutVersioning(S3RequestContext ctx)
    {
        ctx.RequireBucket();
        throw new S3Exception(S3Errors.NotImplemented("PutBucketVersioning")
            .WithExplanation("FakeS3 buckets are never versioned; PutBucketVersioning is not implemented."));
    }
}
