namespace FakeS3.Errors;

/// <summary>The one code → HTTP status table (AWS ErrorResponses page; spec §4).</summary>
internal static class S3ErrorStatus
{
    public static int Of(S3ErrorCode code) => code switch
    {
        S3ErrorCode.AuthorizationHeaderMalformed or S3ErrorCode.AuthorizationQueryParametersError
            or S3ErrorCode.BadDigest or S3ErrorCode.BadRequest or S3ErrorCode.EntityTooLarge
            or S3ErrorCode.EntityTooSmall or S3ErrorCode.IncompleteBody or S3ErrorCode.InvalidArgument
            or S3ErrorCode.InvalidBucketName or S3ErrorCode.InvalidChunkSizeError or S3ErrorCode.InvalidDigest
            or S3ErrorCode.InvalidLocationConstraint or S3ErrorCode.InvalidPart or S3ErrorCode.InvalidPartOrder
            or S3ErrorCode.InvalidPolicyDocument or S3ErrorCode.InvalidRequest or S3ErrorCode.InvalidStorageClass
            or S3ErrorCode.InvalidTag or S3ErrorCode.InvalidURI or S3ErrorCode.KeyTooLongError or S3ErrorCode.MalformedPOSTRequest
            or S3ErrorCode.MalformedXML or S3ErrorCode.MaxPostPreDataLengthExceeded or S3ErrorCode.MetadataTooLarge
            or S3ErrorCode.RequestHeaderSectionTooLarge or S3ErrorCode.RequestTimeout or S3ErrorCode.XAmzContentSHA256Mismatch => 400,
        S3ErrorCode.AccessDenied or S3ErrorCode.AccessForbidden or S3ErrorCode.InvalidAccessKeyId
            or S3ErrorCode.RequestTimeTooSkewed or S3ErrorCode.SignatureDoesNotMatch => 403,
        S3ErrorCode.NoSuchBucket or S3ErrorCode.NoSuchCORSConfiguration or S3ErrorCode.NoSuchKey
            or S3ErrorCode.NoSuchUpload or S3ErrorCode.NoSuchVersion => 404,
        S3ErrorCode.MethodNotAllowed => 405,
        S3ErrorCode.BucketAlreadyOwnedByYou or S3ErrorCode.BucketNotEmpty => 409,
        S3ErrorCode.MissingContentLength => 411,
        S3ErrorCode.PreconditionFailed => 412,
        S3ErrorCode.InvalidRange or S3ErrorCode.InvalidPartNumber => 416,
        S3ErrorCode.InternalError => 500,
        S3ErrorCode.NotImplemented => 501,
        S3ErrorCode.HttpVersionNotSupported => 505,
        S3ErrorCode.ServiceUnavailable or S3ErrorCode.SlowDown => 503,
    };
}
