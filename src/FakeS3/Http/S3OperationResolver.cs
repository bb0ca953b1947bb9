using Microsoft.AspNetCore.Http;

namespace FakeS3.Http;

/// <summary>
/// Method + target + sub-resource → operation. Anything unrecognised resolves to NotImplemented with the
/// S3 operation's name, so a client gets 501 naming what it asked for, never a misleading 200/404/500.
/// </summary>
internal static class S3OperationResolver
{
    // Bucket sub-resources FakeS3 does not implement, with the operation name per method.
    static readonly string[] BucketSubresources =
    [
        "policy", "lifecycle", "tagging", "website", "logging", "notification", "encryption", "replication",
        "ownershipControls", "publicAccessBlock", "accelerate", "requestPayment", "object-lock",
        "intelligent-tiering", "inventory", "metrics", "analytics", "policyStatus", "session", "metadataTable",
    ];

    static readonly string[] ObjectSubresources = ["attributes", "torrent", "retention", "legal-hold", "restore", "select", "renameObject"];

    public static (S3Operation Operation, string Name) Resolve(string method, S3RequestTarget target, S3Query query, IHeaderDictionary headers)
    {
        if (HttpMethods.IsOptions(method)) return (S3Operation.Preflight, "PreflightRequest");
        if (target.Bucket is null)
            return HttpMethods.IsGet(method) ? Op(S3Operation.ListBuckets)
                : HttpMethods.IsPost(method) ? (S3Operation.MethodNotAllowed, "PostService") : Unknown(method, "Service");
        return target.Key is null ? ResolveBucket(method, query) : ResolveObject(method, query, headers);
    }

    static (S3Operation, string) ResolveBucket(string method, S3Query q)
    {
        if (HttpMethods.IsGet(method))
        {
            if (q.Has("location")) return Op(S3Operation.GetBucketLocation);
            if (q.Has("versioning")) return Op(S3Operation.GetBucketVersioning);
            if (q.Has("versions")) return Op(S3Operation.ListObjectVersions);
            if (q.Has("cors")) return Op(S3Operation.GetBucketCors);
            if (q.Has("acl")) return Op(S3Operation.GetBucketAcl);
            if (q.Has("uploads")) return Op(S3Operation.ListMultipartUploads);
            if (Subresource(q, BucketSubresources) is { } sub) return Unknown("Get", "Bucket" + Pascal(sub));
            return q["list-type"] == "2" ? Op(S3Operation.ListObjectsV2) : Op(S3Operation.ListObjects);
        }
        if (HttpMethods.IsHead(method)) return Op(S3Operation.HeadBucket);
        if (HttpMethods.IsPut(method))
        {
            if (q.Has("cors")) return Op(S3Operation.PutBucketCors);
            if (q.Has("acl")) return Op(S3Operation.PutBucketAcl);
            if (q.Has("versioning")) return Op(S3Operation.PutBucketVersioning);
            if (Subresource(q, BucketSubresources) is { } sub) return Unknown("Put", "Bucket" + Pascal(sub));
            return Op(S3Operation.CreateBucket);
        }
        if (HttpMethods.IsDelete(method))
        {
            if (q.Has("cors")) return Op(S3Operation.DeleteBucketCors);
            if (Subresource(q, BucketSubresources) is { } sub) return Unknown("Delete", "Bucket" + Pascal(sub));
            return Op(S3Operation.DeleteBucket);
        }
        if (HttpMethods.IsPost(method))
        {
            if (q.Has("delete")) return Op(S3Operation.DeleteObjects);
            if (Subresource(q, BucketSubresources) is { } sub) return Unknown("Post", "Bucket" + Pascal(sub));
            return Op(S3Operation.PostObject);
        }
        return Unknown(method, "Bucket");
    }

    static (S3Operation, string) ResolveObject(string method, S3Query q, IHeaderDictionary headers)
    {
        if (Subresource(q, ObjectSubresources) is { } sub) return Unknown(method, "Object" + Pascal(sub));
        if (HttpMethods.IsGet(method))
        {
            if (q.Has("uploadId")) return Op(S3Operation.ListParts);
            if (q.Has("tagging")) return Op(S3Operation.GetObjectTagging);
            if (q.Has("acl")) return Op(S3Operation.GetObjectAcl);
            return Op(S3Operation.GetObject);
        }
        if (HttpMethods.IsHead(method)) return Op(S3Operation.HeadObject);
        if (HttpMethods.IsPut(method))
        {
            var copy = headers.ContainsKey("x-amz-copy-source");
            if (q.Has("uploadId") || q.Has("partNumber")) return Op(copy ? S3Operation.UploadPartCopy : S3Operation.UploadPart);
            if (q.Has("tagging")) return Op(S3Operation.PutObjectTagging);
            if (q.Has("acl")) return Op(S3Operation.PutObjectAcl);
            return Op(copy ? S3Operation.CopyObject : S3Operation.PutObject);
        }
        if (HttpMethods.IsDelete(method))
        {
            if (q.Has("uploadId")) return Op(S3Operation.AbortMultipartUpload);
            if (q.Has("tagging")) return Op(S3Operation.DeleteObjectTagging);
            return Op(S3Operation.DeleteObject);
        }
        if (HttpMethods.IsPost(method))
        {
            if (q.Has("uploads")) return Op(S3Operation.CreateMultipartUpload);
            if (q.Has("uploadId")) return Op(S3Operation.CompleteMultipartUpload);
            // A browser form posted to the object's URL instead of the bucket's [WIRE mhart/aws4fetch#14].
            return (S3Operation.MethodNotAllowed, "PostObject");
        }
        return Unknown(method, "Object");
    }

    static (S3Operation, string) Op(S3Operation op) => (op, op.ToString());

    static (S3Operation, string) Unknown(string verb, string resource) =>
        (S3Operation.NotImplemented, Pascal(verb.ToLowerInvariant()) + resource);

    static string? Subresource(S3Query q, string[] known)
    {
        foreach (var s in known)
        {
            if (q.Has(s)) return s;
        }
        return null;
    }

    static string Pascal(string s)
    {
        var parts = s.Split('-', StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(parts.Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
