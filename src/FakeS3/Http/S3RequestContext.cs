using FakeS3.Errors;
using FakeS3.Hosting;
using FakeS3.Signing;
using FakeS3.Storage;
using Microsoft.AspNetCore.Http;

namespace FakeS3.Http;

/// <summary>Per-request state handed to an endpoint: target, query, authentication, services.</summary>
internal sealed class S3RequestContext
{
    public required HttpContext Http { get; init; }
    public required S3RequestTarget Target { get; init; }
    public required S3Query Query { get; init; }
    public required S3Operation Operation { get; init; }
    public required string OperationName { get; init; }
    public required SignableRequest Signable { get; init; }
    public required S3Services Services { get; init; }
    public AuthResult Auth { get; set; } = AuthResult.Anonymous;

    /// <summary>The fault rules in force when the request arrived; null (the usual case) when there are none.</summary>
    internal Faults.FaultRuleSet? Faults { get; init; }

    /// <summary>Set when a fault rule hit this request (read by the request log).</summary>
    public Faults.InjectedFault? InjectedFault { get; set; }

    public HttpRequest Request => Http.Request;
    public HttpResponse Response => Http.Response;
    public IObjectStore Store => Services.Store;
    public FakeS3Options Options => Services.Options.Value;
    public DateTimeOffset Now => Services.Time.GetUtcNow();
    public string Bucket => Target.Bucket ?? throw new InvalidOperationException("no bucket in this request");
    public string Key => Target.Key ?? throw new InvalidOperationException("no key in this request");
    public bool IsAnonymous => Auth.Kind == AuthKind.Anonymous;

    public string? Header(string name)
    {
        var v = Request.Headers[name];
        return v.Count == 0 ? null : v.ToString();
    }

    /// <summary>The bucket, or NoSuchBucket (the store reports, the edge picks the error).</summary>
    public BucketRecord RequireBucket() =>
        Store.GetBucket(Bucket) ?? throw new S3Exception(S3Errors.NoSuchBucket(Bucket));

    /// <summary>The NoSuchBucket check alone, without copying the bucket record.</summary>
    void EnsureBucketExists()
    {
        if (!Store.BucketExists(Bucket)) throw new S3Exception(S3Errors.NoSuchBucket(Bucket));
    }

    public ObjectRecord RequireObject()
    {
        EnsureBucketExists();
        return Store.GetObject(Bucket, Key) ?? throw new S3Exception(S3Errors.NoSuchKey(Key));
    }

    /// <summary>As <see cref="RequireObject"/>, for handlers that only read the record (GET/HEAD): no copies.</summary>
    public ObjectRecord RequireObjectForRead()
    {
        EnsureBucketExists();
        return Store.GetObjectForRead(Bucket, Key) ?? throw new S3Exception(S3Errors.NoSuchKey(Key));
    }

    public static void ThrowFor(StoreStatus status, string bucket, string? key = null, string? uploadId = null)
    {
        switch (status)
        {
            case StoreStatus.Ok: return;
            case StoreStatus.NoSuchBucket: throw new S3Exception(S3Errors.NoSuchBucket(bucket));
            case StoreStatus.NoSuchKey: throw new S3Exception(S3Errors.NoSuchKey(key ?? ""));
            case StoreStatus.NoSuchUpload: throw new S3Exception(S3Errors.NoSuchUpload(uploadId ?? ""));
            case StoreStatus.BucketAlreadyExists: throw new S3Exception(S3Errors.BucketAlreadyOwnedByYou(bucket));
            case StoreStatus.BucketNotEmpty: throw new S3Exception(S3Errors.BucketNotEmpty(bucket));
            default: throw new InvalidOperationException(status.ToString());
        }
    }
}
