using System.Globalization;

namespace FakeS3.Errors;

/// <summary>
/// Multipart checksum and part errors. Texts: OpenStack Swift's s3api functional tests run against AWS [2ND Swift],
/// adobe/S3Mock tests marked S3VerifiedSuccess [2ND S3Mock], LocalStack's snapshot-validated provider [2ND LocalStack].
/// </summary>
internal static partial class S3Errors
{
    /// <summary>[2ND LocalStack].</summary>
    public static S3Error ChecksumAlgorithmUnsupported() => new(S3ErrorCode.InvalidRequest,
        "Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");

    /// <summary>[2ND LocalStack].</summary>
    public static S3Error ChecksumTypeWithoutAlgorithm() => new(S3ErrorCode.InvalidRequest,
        "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.");

    /// <summary>[2ND Swift] type upper-case, algorithm lower-case.</summary>
    public static S3Error ChecksumTypeNotAllowed(string type, string algorithmLower) => new(S3ErrorCode.InvalidRequest,
        $"The {type} checksum type cannot be used with the {algorithmLower} checksum algorithm.");

    /// <summary>[2ND Swift] UploadPart to an upload created with a checksum algorithm; actual is "null" when none was sent.</summary>
    public static S3Error PartChecksumTypeMismatch(string expectedLower, string actualLower) => new(S3ErrorCode.InvalidRequest,
        $"Checksum Type mismatch occurred, expected checksum Type: {expectedLower}, actual checksum Type: {actualLower}");

    /// <summary>[2ND Swift][2ND S3Mock].</summary>
    public static S3Error CompleteMissingPartChecksum(string algorithmLower, int partNumber) => new(S3ErrorCode.InvalidRequest,
        $"The upload was created using a {algorithmLower} checksum. The complete request must include the checksum for each part. It was missing for part {partNumber.ToString(CultureInfo.InvariantCulture)} in the request.");

    /// <summary>[2ND S3Mock] x-amz-checksum-type on CompleteMultipartUpload differs from the upload's.</summary>
    public static S3Error CompleteChecksumTypeMismatch(string uploadType) => new(S3ErrorCode.InvalidRequest,
        $"The upload was created using the {uploadType} checksum mode. The complete request must use the same checksum mode.");

    /// <summary>[2ND Swift] a part checksum in the Complete body that is not valid base64 of the right size; value "CRC32:&lt;v&gt;;".</summary>
    public static S3Error CompletePartChecksumInvalid(string argumentValue) =>
        InvalidArgument("Invalid Base64 or multiple checksums present in request", "Checksum", argumentValue);

    /// <summary>[2ND Swift] the whole-object x-amz-checksum-* of CompleteMultipartUpload: the algorithm is lower-case here.</summary>
    public static S3Error ObjectChecksumMismatch(string algorithmLower) => new(S3ErrorCode.BadDigest,
        $"The {algorithmLower} you specified did not match the calculated checksum.");

    /// <summary>[2ND Swift] InvalidPart with the part's identity.</summary>
    public static S3Error InvalidPart(string uploadId, int partNumber, string etag) => new(S3ErrorCode.InvalidPart,
        "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
        ("UploadId", uploadId), ("PartNumber", partNumber.ToString(CultureInfo.InvariantCulture)), ("ETag", etag));

    /// <summary>[2ND ×4] GetObject/HeadObject partNumber past the object's last part: 416.</summary>
    public static S3Error PartNumberNotSatisfiable(int requested, int actualCount) => new(S3ErrorCode.InvalidPartNumber,
        "The requested partnumber is not satisfiable",
        ("PartNumberRequested", requested.ToString(CultureInfo.InvariantCulture)),
        ("ActualPartCount", actualCount.ToString(CultureInfo.InvariantCulture)));
}
