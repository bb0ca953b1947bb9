using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using FakeS3.Errors;
using FakeS3.Http.Objects;
using FakeS3.Storage;

namespace FakeS3.Http.Multipart;

/// <summary>CompleteMultipartUpload: parts ascending, present with matching ETags, all but the last ≥ 5 MiB; ETag "md5-N".</summary>
internal static class CompleteMultipartEndpoint
{
    const long MinPartSize = 5L * 1024 * 1024;

    public static async Task HandleAsync(S3RequestContext ctx)
    {
        var upload = MultipartEndpoints.RequireUpload(ctx);
        var requested = Parse(await RequestBodies.ReadSmallAsync(ctx, 4 * 1024 * 1024));
        var stored = ctx.Services.Multipart.ListParts(upload.Id).ToDictionary(p => p.PartNumber);
        var chosen = new List<PartRecord>();
        var previous = 0;
        foreach (var (number, etag) in requested)
        {
            if (number <= previous) throw new S3Exception(S3Errors.InvalidPartOrder());
            previous = number;
            if (!stored.TryGetValue(number, out var part) || part.ETag.Trim('"') != etag.Trim('"'))
                throw new S3Exception(S3Errors.InvalidPart());
            chosen.Add(part);
        }
        for (var i = 0; i < chosen.Count - 1; i++)
        {
            if (chosen[i].Size < MinPartSize) throw new S3Exception(S3Errors.EntityTooSmallPart());
        }
        var md5s = new List<byte>();
        foreach (var p in chosen) md5s.AddRange(Convert.FromHexString(p.ETag.Trim('"')));
        var t = upload.Template;
        var obj = ObjectAttributes.CopyContentAttributes(t, ctx.Bucket, ctx.Key);
        obj.WebsiteRedirectLocation = t.WebsiteRedirectLocation;
        obj.StorageClass = t.StorageClass;
        obj.Tags = t.Tags;
        obj.Acl = t.Acl;
        obj.Size = chosen.Sum(p => p.Size);
        // S3's multipart ETag: MD5 of the concatenated binary part MD5s, then "-<part count>".
        obj.ETag = $"\"{Convert.ToHexStringLower(MD5.HashData(md5s.ToArray()))}-{chosen.Count}\"";
        obj.LastModified = ctx.Now.UtcDateTime;
        obj.PartsCount = chosen.Count;
        S3RequestContext.ThrowFor(ctx.Services.Multipart.Complete(upload, obj, chosen), ctx.Bucket, ctx.Key, upload.Id);
        var location = $"{ctx.Request.Scheme}://{ctx.Request.Host}/{(ctx.Target.VirtualHosted ? "" : ctx.Bucket + "/")}{Uri.EscapeDataString(ctx.Key).Replace("%2F", "/")}";
        ctx.Response.Headers["x-amz-server-side-encryption"] = "AES256";
        await S3Responses.XmlAsync(ctx,
            $"<CompleteMultipartUploadResult xmlns=\"{S3Responses.Namespace}\"><Location>{Xml.Escape(location)}</Location><Bucket>{Xml.Escape(ctx.Bucket)}</Bucket><Key>{Xml.Escape(ctx.Key)}</Key><ETag>{Xml.Escape(obj.ETag)}</ETag></CompleteMultipartUploadResult>");
    }

    static List<(int Number, string ETag)> Parse(byte[] body)
    {
        var parts = new List<(int, string)>();
        foreach (var p in XmlBody.Root(body, "CompleteMultipartUpload").Children("Part"))
        {
            var etag = p.ChildValue("ETag");
            if (!int.TryParse(p.ChildValue("PartNumber"), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || etag is null)
                throw new S3Exception(S3Errors.MalformedXml());
            parts.Add((number, etag));
        }
        if (parts.Count == 0) throw new S3Exception(S3Errors.MalformedXml());
        return parts;
    }
}
