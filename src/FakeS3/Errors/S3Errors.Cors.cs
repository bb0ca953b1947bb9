namespace FakeS3.Errors;

/// <summary>Factories for CORS preflight and bucket-CORS configuration errors (spec §7, [REC]).</summary>
internal static partial class S3Errors
{
    public static S3Error CorsOriginMissing() => new(S3ErrorCode.BadRequest,
        "Insufficient information. Origin request header needed.");

    public static S3Error CorsBucketNotFound(string method) => new(S3ErrorCode.AccessForbidden,
        "CORSResponse: Bucket not found", ("Method", method), ("ResourceType", "BUCKET"));

    public static S3Error CorsNotEnabled(string method) => new(S3ErrorCode.AccessForbidden,
        "CORSResponse: CORS is not enabled for this bucket.", ("Method", method), ("ResourceType", "BUCKET"));

    /// <summary>"evalution" is S3's spelling. resourceType: OBJECT or BUCKET.</summary>
    public static S3Error CorsNotAllowed(string method, string resourceType) => new(S3ErrorCode.AccessForbidden,
        "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.",
        ("Method", method), ("ResourceType", resourceType));

    public static S3Error NoSuchCorsConfiguration(string bucket) => new(S3ErrorCode.NoSuchCORSConfiguration,
        "The CORS configuration does not exist", ("BucketName", bucket));

    public static S3Error CorsUnsupportedMethod(string method) => new(S3ErrorCode.InvalidRequest,
        "Found unsupported HTTP method in CORS config. Unsupported method is " + method);

    /// <summary>PutBucketCors with an origin such as "*example*.com" [WIRE versity/versitygw#1870].</summary>
    public static S3Error CorsOriginTooManyWildcards(string origin) => new(S3ErrorCode.InvalidRequest,
        "AllowedOrigin \"" + origin + "\" can not have more than one wildcard.");
}
