using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace FakeS3.Load.S3;

/// <summary>
/// Everything the runner signs, signed by AWSSDK.S3 (never by FakeS3 code): presigned GET/PUT URLs and
/// POST policy forms. One SDK client per secret, path-style, no retries.
/// </summary>
public sealed class Presigner : IDisposable
{
    private readonly S3Target _target;
    private readonly AmazonS3Client _client;

    public Presigner(S3Target target, string? secretOverride = null)
    {
        _target = target;
        _client = CreateClient(target, secretOverride ?? target.SecretAccessKey);
    }

    /// <summary>The SDK client (aws-chunked PutObject with default checksums, bucket creation).</summary>
    public AmazonS3Client Client => _client;

    public static AmazonS3Client CreateClient(S3Target target, string secret) =>
        new(new BasicAWSCredentials(target.AccessKeyId, secret), new AmazonS3Config
        {
            ServiceURL = target.Endpoint.ToString(),
            AuthenticationRegion = target.Region,
            ForcePathStyle = true,
            MaxErrorRetry = 0,
            Timeout = TimeSpan.FromMinutes(10),
        });

    public Uri PresignGet(string key, DateTime expiresUtc) => Presign(key, HttpVerb.GET, expiresUtc);

    public Uri PresignPut(string key, DateTime expiresUtc) => Presign(key, HttpVerb.PUT, expiresUtc);

    private Uri Presign(string key, HttpVerb verb, DateTime expiresUtc) =>
        new(_client.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = _target.Bucket,
            Key = key,
            Verb = verb,
            Expires = expiresUtc,
            Protocol = _target.Endpoint.Scheme == Uri.UriSchemeHttps ? Protocol.HTTPS : Protocol.HTTP,
        }));

    /// <summary>A browser-upload policy for any key under <paramref name="keyPrefix"/>, optionally size-limited.</summary>
    public PostForm PresignPost(string keyPrefix, DateTime expiresUtc, long maxContentLength)
    {
        var request = new CreatePresignedPostRequest
        {
            BucketName = _target.Bucket,
            Key = keyPrefix + "${filename}",
            Expires = expiresUtc,
        };
        // A key ending in ${filename} makes the SDK add ["starts-with", "$key", keyPrefix] itself.
        request.Conditions.Add(S3PostCondition.ContentLengthRange(0, maxContentLength));
        var response = _client.CreatePresignedPost(request);
        var fields = new Dictionary<string, string>(response.Fields, StringComparer.Ordinal);
        fields.Remove("key");
        return new PostForm(PathStyleBucketUri(), fields);
    }

    /// <summary>POST goes to the bucket URL, path-style, as the form action.</summary>
    public Uri PathStyleBucketUri() => new(_target.Endpoint, _target.Bucket);

    public void Dispose() => _client.Dispose();
}
