namespace FakeS3.Errors;

/// <summary>Factories for body-integrity errors (spec §2.3 last row, §2.4, §5.1).</summary>
internal static partial class S3Errors
{
    public static S3Error ContentSha256Mismatch(string clientComputed, string s3Computed) => new(
        S3ErrorCode.XAmzContentSHA256Mismatch,
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
        ("ClientComputedContentSHA256", clientComputed), ("S3ComputedContentSHA256", s3Computed));

    public static S3Error InvalidDigest(string contentMd5) => new(S3ErrorCode.InvalidDigest,
        "The Content-MD5 you specified was invalid.", ("Content-MD5", contentMd5));

    /// <summary>[REC] PutObject: expected as hex, calculated as base64; UploadPart: both base64.</summary>
    public static S3Error BadDigestMd5(string expected, string calculated) => new(S3ErrorCode.BadDigest,
        "The Content-MD5 you specified did not match what we received.",
        ("ExpectedDigest", expected), ("CalculatedDigest", calculated));

    /// <summary>algorithmLower: crc32, crc32c, crc64nvme, sha1, sha256.</summary>
    public static S3Error ChecksumHeaderInvalid(string algorithmLower) => new(S3ErrorCode.InvalidRequest,
        $"Value for x-amz-checksum-{algorithmLower} header is invalid.");

    /// <summary>algorithmUpper: CRC32, CRC32C, CRC64NVME, SHA1, SHA256.</summary>
    public static S3Error ChecksumMismatch(string algorithmUpper) => new(S3ErrorCode.BadDigest,
        $"The {algorithmUpper} you specified did not match the calculated checksum.");

    /// <summary>
    /// The algorithm named (x-amz-sdk-checksum-algorithm header, or the POST form's x-amz-checksum-algorithm field) is
    /// not the one whose value was sent. Header text: S3's answer quoted in versitygw#1598 [2ND]; for the POST field the
    /// field's own name is printed (UNCONFIRMED, docs/decisions.md).
    /// </summary>
    public static S3Error ChecksumAlgorithmNameInvalid(string name) => new(S3ErrorCode.InvalidRequest,
        $"Value for {name} header is invalid.");

    /// <summary>
    /// An algorithm named with no value to go with it. Header text: S3's answer in apache/hadoop#6467 and
    /// versitygw#1593 [2ND]; for the POST field the field's own name is printed (UNCONFIRMED, docs/decisions.md).
    /// </summary>
    public static S3Error ChecksumAlgorithmWithoutValue(string name) => new(S3ErrorCode.InvalidRequest,
        $"{name} specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.");

    public static S3Error MultipleChecksumHeaders() => new(S3ErrorCode.InvalidRequest,
        "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");

    public static S3Error MissingContentLength() => new(S3ErrorCode.MissingContentLength,
        "You must provide the Content-Length HTTP header.");

    public static S3Error IncompleteBody() => new(S3ErrorCode.IncompleteBody, "The request body terminated unexpectedly");

    public static S3Error InvalidChunkSize() => new(S3ErrorCode.InvalidChunkSizeError,
        "Only the last chunk is allowed to have a size less than 8192 bytes");

    public static S3Error EntityTooLarge(long proposedSize, long maxSizeAllowed) => new(S3ErrorCode.EntityTooLarge,
        "Your proposed upload exceeds the maximum allowed size",
        ("ProposedSize", proposedSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("MaxSizeAllowed", maxSizeAllowed.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static S3Error EntityTooSmall(long proposedSize, long minSizeAllowed) => new(S3ErrorCode.EntityTooSmall,
        "Your proposed upload is smaller than the minimum allowed size",
        ("ProposedSize", proposedSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("MinSizeAllowed", minSizeAllowed.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>SigV4a streaming modes are recognised but not implemented [DERIVED spec §1.6].</summary>
    public static S3Error SigV4aNotImplemented() => new(S3ErrorCode.NotImplemented,
        "A header you provided implies functionality that is not implemented", ("Header", "x-amz-content-sha256"));
}
