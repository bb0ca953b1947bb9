using System.Globalization;

namespace FakeS3.Errors;

/// <summary>Factories for bucket and object operation errors (spec §4, §6).</summary>
internal static partial class S3Errors
{
    public static S3Error NoSuchBucket(string bucket) => new(S3ErrorCode.NoSuchBucket,
        "The specified bucket does not exist", ("BucketName", bucket));

    public static S3Error NoSuchKey(string key) => new(S3ErrorCode.NoSuchKey,
        "The specified key does not exist.", ("Key", key));

    public static S3Error NoSuchUpload(string uploadId) => new(S3ErrorCode.NoSuchUpload,
        "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
        ("UploadId", uploadId));

    public static S3Error BucketAlreadyOwnedByYou(string bucket) => new(S3ErrorCode.BucketAlreadyOwnedByYou,
        "Your previous request to create the named bucket succeeded and you already own it.", ("BucketName", bucket));

    public static S3Error BucketNotEmpty(string bucket) => new(S3ErrorCode.BucketNotEmpty,
        "The bucket you tried to delete is not empty", ("BucketName", bucket));

    public static S3Error InvalidBucketName(string bucket) => new(S3ErrorCode.InvalidBucketName,
        "The specified bucket is not valid.", ("BucketName", bucket));

    public static S3Error InvalidLocationConstraint(string value) => new(S3ErrorCode.InvalidLocationConstraint,
        "The specified location-constraint is not valid", ("LocationConstraint", value));

    public static S3Error KeyTooLong(int size) => new(S3ErrorCode.KeyTooLongError, "Your key is too long",
        ("Size", size.ToString(CultureInfo.InvariantCulture)), ("MaxSizeAllowed", "1024"));

    public static S3Error MetadataTooLarge(int size) => new(S3ErrorCode.MetadataTooLarge,
        "Your metadata headers exceed the maximum allowed metadata size.",
        ("Size", size.ToString(CultureInfo.InvariantCulture)), ("MaxSizeAllowed", "2048"));

    public static S3Error InvalidRange(long actualSize, string rangeRequested) => new(S3ErrorCode.InvalidRange,
        "The requested range is not satisfiable",
        ("ActualObjectSize", actualSize.ToString(CultureInfo.InvariantCulture)), ("RangeRequested", rangeRequested));

    public static S3Error RangeWithPartNumber() => new(S3ErrorCode.InvalidRequest,
        "Cannot specify both Range header and partNumber query parameter");

    public static S3Error PreconditionFailed(string condition) => new(S3ErrorCode.PreconditionFailed,
        "At least one of the pre-conditions you specified did not hold", ("Condition", condition));

    /// <summary>
    /// A conditional write header S3 does not accept for PutObject: If-None-Match other than <c>*</c>, If-Match <c>*</c>,
    /// or both headers [2ND: LocalStack's AWS-validated conditional-write tests; same text for CompleteMultipartUpload].
    /// </summary>
    public static S3Error ConditionalWriteNotImplemented(string header, string additionalMessage) => new(S3ErrorCode.NotImplemented,
        "A header you provided implies functionality that is not implemented", ("Header", header), ("additionalMessage", additionalMessage))
    { Explanation = $"PutObject accepts only 'If-None-Match: *' or 'If-Match: \"<etag>\"' ({header})." };

    public static S3Error ResponseOverrideAnonymous() => new(S3ErrorCode.InvalidRequest,
        "Request specific response headers cannot be used for anonymous GET requests.");

    public static S3Error HeaderNotLatin1(string argumentName, string argumentValue) => new(S3ErrorCode.InvalidArgument,
        "Header value cannot be represented using ISO-8859-1.", ("ArgumentName", argumentName), ("ArgumentValue", argumentValue));

    /// <summary>S3's code and arguments as reported in issue 12; the message text is UNCONFIRMED (FakeS3's wording).</summary>
    public static S3Error HeaderControlCharacter(string argumentName, string argumentValue) => new(S3ErrorCode.InvalidArgument,
        "Header value contains a control character.", ("ArgumentName", argumentName), ("ArgumentValue", argumentValue));

    public static S3Error InvalidArgument(string message, string argumentName, string argumentValue) =>
        new(S3ErrorCode.InvalidArgument, message, ("ArgumentName", argumentName), ("ArgumentValue", argumentValue));

    public static S3Error InvalidRequest(string message) => new(S3ErrorCode.InvalidRequest, message);

    public static S3Error MalformedXml() => new(S3ErrorCode.MalformedXML,
        "The XML you provided was not well-formed or did not validate against our published schema");

    public static S3Error InvalidPartOrder() => new(S3ErrorCode.InvalidPartOrder,
        "The list of parts was not in ascending order. Parts must be ordered by part number.");

    public static S3Error EntityTooSmallPart() => new(S3ErrorCode.EntityTooSmall,
        "Your proposed upload is smaller than the minimum allowed object size.");

    public static S3Error InvalidStorageClass(string requested) => new(S3ErrorCode.InvalidStorageClass,
        "The storage class you specified is not valid", ("StorageClassRequested", requested));

    /// <summary>POST / ([WIRE versitygw#1810]: Allow: GET) and POST to an object URL ([WIRE mhart/aws4fetch#14]; its Allow list is
    /// not captured, so none is sent).</summary>
    public static S3Error MethodNotAllowed(string method, string resourceType, params string[] allow) =>
        new(S3ErrorCode.MethodNotAllowed, "The specified method is not allowed against this resource.",
            ("Method", method), ("ResourceType", resourceType))
        { Headers = allow.Length == 0 ? [] : [("Allow", string.Join(", ", allow))] };

    public static S3Error NotImplemented(string operation) => new(S3ErrorCode.NotImplemented,
        "A header you provided implies functionality that is not implemented", ("Operation", operation))
    { Explanation = $"FakeS3 does not implement {operation}." };

    /// <summary>Kestrel refused the request before FakeS3 saw it (bad framing, request line too long) [UNCONFIRMED text].</summary>
    public static S3Error BadHttpRequest() => new(S3ErrorCode.BadRequest, "An error occurred when parsing the HTTP request.");

    /// <summary>An HTTP version other than 1.0/1.1 (or 2 by prior knowledge) [UNCONFIRMED text].</summary>
    public static S3Error HttpVersionNotSupported() => new(S3ErrorCode.HttpVersionNotSupported, "The HTTP version specified is not supported.");

    public static S3Error RequestHeaderSectionTooLarge() => new(S3ErrorCode.RequestHeaderSectionTooLarge,
        "Your request header section exceeds the maximum allowed size.", ("MaxSizeAllowed", "8192"));

    public static S3Error InvalidTag(string message) => new(S3ErrorCode.InvalidTag, message);

    public static S3Error CopyToItself() => new(S3ErrorCode.InvalidRequest,
        "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.");

    public static S3Error InvalidCopySource() => new(S3ErrorCode.InvalidArgument,
        "Copy Source must mention the source bucket and key: sourcebucket/sourcekey", ("ArgumentName", "x-amz-copy-source"));

    /// <summary>
    /// A copy source whose percent-decoding is not UTF-8. Message as S3 sends it (quoted by applications that
    /// match it, e.g. matecat's S3 error mapping); code InvalidArgument [2ND].
    /// </summary>
    public static S3Error InvalidCopySourceEncoding() => new(S3ErrorCode.InvalidArgument,
        "Invalid copy source encoding.", ("ArgumentName", "x-amz-copy-source"))
    { Explanation = "The x-amz-copy-source header percent-decodes to bytes that are not UTF-8." };

    /// <summary>
    /// A request path whose percent-decoding is not UTF-8 (<c>/bucket/%FF</c>): 400 InvalidURI, checked before
    /// authentication [2ND: ceph s3-tests and s3proxy expect it from S3; bucket scanners probe S3 with <c>/%83</c>].
    /// S3's extra elements, if any, are [UNCONFIRMED]; none are sent.
    /// </summary>
    public static S3Error InvalidUri() => new(S3ErrorCode.InvalidURI, "Couldn't parse the specified URI.")
    {
        Explanation = "The request path percent-decodes to bytes that are not UTF-8; S3 keys are UTF-8 text, so FakeS3 "
            + "refuses the path instead of replacing the bytes (which would make %FF and %FE the same key).",
    };

    /// <summary>?versionId= with no value [WIRE aws-sdk-core-ruby#76, code-dot-org#21563].</summary>
    public static S3Error EmptyVersionId() => InvalidArgument("Version id cannot be the empty string", "versionId", "");

    public static S3Error NoSuchVersion(string key, string versionId) => new(S3ErrorCode.NoSuchVersion,
        "The specified version does not exist.", ("Key", key), ("VersionId", versionId));

    public static S3Error InvalidPartNumber(string value) => new(S3ErrorCode.InvalidArgument,
        "Part number must be an integer between 1 and 10000, inclusive", ("ArgumentName", "partNumber"), ("ArgumentValue", value));

    public static S3Error InternalError() => new(S3ErrorCode.InternalError,
        "We encountered an internal error. Please try again.");

    /// <summary>
    /// FakeS3's own condition (S3 has no full disk). 503 ServiceUnavailable: the status S3 uses for "try again
    /// later", which SDKs and the CLI retry with backoff, so an upload succeeds once space is freed; the message
    /// says what is wrong. Nothing was stored.
    /// </summary>
    public static S3Error DiskFull() => new(S3ErrorCode.ServiceUnavailable,
        "FakeS3 could not store this: the disk holding its data file is full. Delete objects or free disk space, then retry.");

    /// <summary>
    /// FakeS3's own condition: the database could not be reopened after an engine error (a full disk, a file it
    /// cannot open) and is retried with backoff. 503 ServiceUnavailable for the same reason as <see cref="DiskFull"/>;
    /// the message names the data file and the cause.
    /// </summary>
    public static S3Error StoreUnavailable(string why) => new(S3ErrorCode.ServiceUnavailable,
        $"FakeS3 cannot serve this now: {why}. Retry later.");
}
