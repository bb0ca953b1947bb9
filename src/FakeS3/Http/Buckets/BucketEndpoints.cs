using System.Globalization;
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

    /// <summary>
    /// ListBuckets with S3's pagination: max-buckets (1–10000), continuation-token (opaque; the answer's
    /// ContinuationToken continues the list), prefix (echoed) and bucket-region. With any of those and no
    /// max-buckets the page is 10,000 buckets; with none of them every bucket is listed [DOC ListBuckets].
    /// </summary>
    static Task ListBuckets(S3RequestContext ctx)
    {
        var q = ctx.Query;
        var prefix = q["prefix"];
        var region = q["bucket-region"];
        var token = q["continuation-token"];
        var max = int.MaxValue;
        if (q["max-buckets"] is { } text)
        {
            // Message UNCONFIRMED (FakeS3's wording); the range is S3's documented one.
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max is < 1 or > 10000)
                throw new S3Exception(S3Errors.InvalidArgument("Argument max-buckets must be an integer between 1 and 10000.", "max-buckets", text));
        }
        else if (prefix is not null || region is not null || token is not null)
        {
            max = 10000;
        }
        string? after = null;
        if (!string.IsNullOrEmpty(token))
            after = ContinuationToken.Decode(token)
                ?? throw new S3Exception(S3Errors.InvalidArgument("The continuation token provided is incorrect", "continuation-token", token));
        var sb = new StringBuilder($"<ListAllMyBucketsResult xmlns=\"{S3Responses.Namespace}\"><Owner><ID>{Owner.Id}</ID><DisplayName>{Owner.DisplayName}</DisplayName></Owner><Buckets>");
        string? last = null;
        var more = false;
        var count = 0;
        foreach (var b in ctx.Store.ListBuckets())
        {
            if (after is not null && string.CompareOrdinal(b.Id, after) <= 0) continue;
            if (prefix is not null && !b.Id.StartsWith(prefix, StringComparison.Ordinal)) continue;
            if (region is not null && b.Region != region) continue;
            if (count == max)
            {
                more = true;
                break;
            }
            sb.Append("<Bucket><Name>").Append(Xml.Escape(b.Id)).Append("</Name><CreationDate>")
              .Append(Formats.Iso8601(b.CreationDate)).Append("</CreationDate><BucketRegion>")
              .Append(Xml.Escape(b.Region)).Append("</BucketRegion></Bucket>");
            last = b.Id;
            count++;
        }
        sb.Append("</Buckets>");
        if (more) sb.Append("<ContinuationToken>").Append(Xml.Escape(ContinuationToken.Encode(last!))).Append("</ContinuationToken>");
        if (prefix is not null) sb.Append("<Prefix>").Append(Xml.Escape(prefix)).Append("</Prefix>");
        sb.Append("</ListAllMyBucketsResult>");
        return S3Responses.XmlAsync(ctx, sb);
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
        if (status == StoreStatus.BucketAlreadyExists && region == "us-east-1")
        {
            // Legacy us-east-1 behaviour: re-creating your own bucket answers 200 OK and resets its ACL; every other
            // region answers 409 BucketAlreadyOwnedByYou [DOC BucketAlreadyOwnedByYou].
            var existing = ctx.RequireBucket();
            existing.Acl = acl;
            ctx.Store.UpdateBucket(existing);
            status = StoreStatus.Ok;
        }
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
