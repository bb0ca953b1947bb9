using System.Net;
using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Conformance.Http;
using FakeS3.Conformance.Signing;

namespace FakeS3.Conformance;

/// <summary>Everything a scenario needs: the target, an SDK client (default settings), a raw HTTP client, the run's bucket and signing helpers.</summary>
public sealed class ScenarioContext : IDisposable
{
    static int s_counter;
    readonly List<string> _extraBuckets = [];

    public ScenarioContext(S3Target target, string bucket, CancellationToken cancellationToken = default)
    {
        Target = target;
        Bucket = bucket;
        CancellationToken = cancellationToken;
        Recorder = new RequestRecorder(target.HttpHandlerFactory);
        S3 = CreateClient(target, Recorder);
        Raw = new RawS3Client(target.HttpHandlerFactory?.Invoke());
    }

    public S3Target Target { get; }
    public string Bucket { get; }
    public CancellationToken CancellationToken { get; }
    public IAmazonS3 S3 { get; }
    public RawS3Client Raw { get; }
    public RequestRecorder Recorder { get; }

    /// <summary>Current time as the client sees it (past/future dates are built from this, never from the server clock).</summary>
    public DateTime Now => DateTime.UtcNow;

    public static IAmazonS3 CreateClient(S3Target target, HttpClientFactory? factory = null)
    {
        var config = new AmazonS3Config { ForcePathStyle = target.ForcePathStyle };
        if (target.ServiceUrl is null) config.RegionEndpoint = RegionEndpoint.GetBySystemName(target.Region);
        else
        {
            config.ServiceURL = target.ServiceUrl.ToString();
            config.AuthenticationRegion = target.Region;
        }
        factory ??= target.HttpHandlerFactory is null ? null : new RequestRecorder(target.HttpHandlerFactory);
        if (factory is not null) config.HttpClientFactory = factory;
        return new AmazonS3Client(new BasicAWSCredentials(target.AccessKeyId, target.SecretAccessKey), config);
    }

    /// <summary>Replaces {region}, {accessKey} and {bucket} in expectations with this target's values.</summary>
    public string Resolve(string text) => text.Replace("{region}", Target.Region, StringComparison.Ordinal)
        .Replace("{accessKey}", Target.AccessKeyId, StringComparison.Ordinal).Replace("{bucket}", Bucket, StringComparison.Ordinal);

    /// <summary>A region that is certainly not the target's.</summary>
    public string WrongRegion => Target.Region == "eu-west-3" ? "eu-west-2" : "eu-west-3";

    string? _shared;

    /// <summary>One small object ("hello") shared by the scenarios that only need something to GET.</summary>
    public async Task<string> SharedObjectAsync()
    {
        if (_shared is null)
        {
            var key = NewKey("shared.txt");
            await PutTextAsync(key, "hello");
            _shared = key;
        }
        return _shared;
    }

    /// <summary>A key no other scenario uses.</summary>
    public string NewKey(string hint = "object.txt") => $"s{Interlocked.Increment(ref s_counter):D3}-{Guid.NewGuid().ToString("N")[..6]}/{hint}";

    public Uri ObjectUri(string? key, string? bucket = null, string? query = null) => Target.ObjectUri(bucket ?? Bucket, key, query);

    public PresignSpec PresignSpec(string method = "GET", DateTime? date = null) => new()
    {
        AccessKeyId = Target.AccessKeyId, Secret = Target.SecretAccessKey, Region = Target.Region,
        Date = date ?? Now, Method = method,
    };

    public HeaderSignSpec HeaderSpec(DateTime? date = null) => new()
    {
        AccessKeyId = Target.AccessKeyId, Secret = Target.SecretAccessKey, Region = Target.Region, Date = date ?? Now,
    };

    /// <summary>Presigned URL built by this project's signer (any date, any tampering).</summary>
    public Uri Presign(string? key, string method = "GET", Func<PresignSpec, PresignSpec>? tweak = null, string? bucket = null, string? query = null)
    {
        var spec = PresignSpec(method);
        if (tweak is not null) spec = tweak(spec);
        return SigV4.Presign(ObjectUri(key, bucket, query), spec);
    }

    /// <summary>Presigned URL built by AWSSDK.S3 (what applications do).</summary>
    public Uri SdkPresign(string key, HttpVerb verb = HttpVerb.GET, Action<GetPreSignedUrlRequest>? tweak = null)
    {
        var request = new GetPreSignedUrlRequest
        {
            BucketName = Bucket, Key = key, Verb = verb, Expires = DateTime.UtcNow.AddMinutes(10),
            Protocol = Target.EffectiveServiceUrl.Scheme == "http" ? Protocol.HTTP : Protocol.HTTPS,
        };
        tweak?.Invoke(request);
        return new Uri(S3.GetPreSignedURL(request));
    }

    /// <summary>Signs a raw request with an Authorization header and sends it.</summary>
    public Task<Observation> SendSignedAsync(HttpRequestMessage request, Func<HeaderSignSpec, HeaderSignSpec>? tweak = null)
    {
        var spec = HeaderSpec();
        if (tweak is not null) spec = tweak(spec);
        SigV4.SignHeaders(request, spec);
        return Raw.SendAsync(request, CancellationToken);
    }

    /// <summary>A signed POST form for the run's bucket: conditions default to the bucket and a key prefix ("" = any key).</summary>
    public PostForm PostForm(string key, IEnumerable<string>? conditions = null, DateTime? expiration = null, IEnumerable<KeyValuePair<string, string>>? fields = null,
        string? policyJson = null, string? region = null, string? accessKeyId = null, string? secret = null, string? bucket = null)
    {
        var date = Now;
        region ??= Target.Region;
        accessKeyId ??= Target.AccessKeyId;
        conditions ??= [$"{{\"bucket\": \"{bucket ?? Bucket}\"}}", "[\"starts-with\", \"$key\", \"\"]"];
        policyJson ??= Http.PostForm.PolicyJson(expiration ?? date.AddMinutes(10), conditions, accessKeyId, region, date);
        return Http.PostForm.Signed(key, policyJson, accessKeyId, secret ?? Target.SecretAccessKey, region, date, fields);
    }

    public Task<Observation> PostAsync(PostForm form, string? bucket = null, Action<HttpRequestMessage>? before = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, ObjectUri(null, bucket)) { Content = form.ToContent() };
        before?.Invoke(request);
        return Raw.SendAsync(request, CancellationToken);
    }

    public static string Sha256(byte[] body) => SigV4.Sha256Hex(body);

    /// <summary>Setup upload without aws-chunked (a plain signed body), so scenarios about GET do not depend on chunked decoding.</summary>
    public async Task PutTextAsync(string key, string text, string? bucket = null)
    {
        await S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket ?? Bucket, Key = key, ContentBody = text, UseChunkEncoding = false }, CancellationToken);
    }

    /// <summary>The object's body, or null when it does not exist.</summary>
    public async Task<string?> GetTextAsync(string key, string? bucket = null)
    {
        try
        {
            using var response = await S3.GetObjectAsync(bucket ?? Bucket, key, CancellationToken);
            using var reader = new StreamReader(response.ResponseStream, Encoding.UTF8);
            return await reader.ReadToEndAsync(CancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound) { return null; }
    }

    public async Task<GetObjectMetadataResponse?> HeadAsync(string key, string? bucket = null)
    {
        try { return await S3.GetObjectMetadataAsync(bucket ?? Bucket, key, CancellationToken); }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound) { return null; }
    }

    /// <summary>A further bucket for scenarios that need their own configuration (CORS); deleted with the context.</summary>
    public async Task<string> CreateBucketAsync(string suffix)
    {
        var name = $"{Bucket}-{suffix}";
        if (name.Length > 63) name = name[..63].TrimEnd('-');
        await S3.PutBucketAsync(new PutBucketRequest { BucketName = name }, CancellationToken);
        _extraBuckets.Add(name);
        return name;
    }

    /// <summary>A bucket name that certainly does not exist.</summary>
    public string MissingBucket => $"{Bucket}-missing";

    public async Task CleanupAsync()
    {
        foreach (var bucket in _extraBuckets) await DeleteBucketAsync(S3, bucket, CancellationToken.None);
        _extraBuckets.Clear();
    }

    public static async Task DeleteBucketAsync(IAmazonS3 s3, string bucket, CancellationToken ct)
    {
        try
        {
            try
            {
                var uploads = await s3.ListMultipartUploadsAsync(bucket, ct);
                foreach (var u in uploads.MultipartUploads ?? [])
                    await s3.AbortMultipartUploadAsync(bucket, u.Key, u.UploadId, ct);
            }
            catch (AmazonS3Exception) { }
            string? token = null;
            do
            {
                var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, ContinuationToken = token }, ct);
                foreach (var o in page.S3Objects ?? []) await s3.DeleteObjectAsync(bucket, o.Key, ct);
                token = page.IsTruncated == true ? page.NextContinuationToken : null;
            } while (token is not null);
            await s3.DeleteBucketAsync(bucket, ct);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound) { }
    }

    public void Dispose()
    {
        S3.Dispose();
        Raw.Dispose();
    }
}
