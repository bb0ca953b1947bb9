using FakeS3.Checksums;

namespace FakeS3.Payload;

/// <summary>
/// What was received, once the body is verified. ChecksumAlgorithm/ChecksumBase64 hold the checksum the
/// client supplied (header or trailer) or requested (x-amz-sdk-checksum-algorithm); with none, S3 computes
/// and stores CRC64NVME (spec §5.4 [REC]) and ChecksumSupplied is false.
/// </summary>
internal sealed record PayloadDigest(long Size, string Md5Hex, ChecksumAlgorithm ChecksumAlgorithm, string ChecksumBase64,
    bool ChecksumSupplied)
{
    /// <summary>The second checksum asked for with IncomingPayload.Create's alsoCompute (base64), when it differs from the first.</summary>
    public string? AlsoComputed { get; init; }

    /// <summary>Single-part objects only: x-amz-checksum-type FULL_OBJECT.</summary>
    public string ChecksumType => "FULL_OBJECT";

    /// <summary>Quoted lower-case hex MD5 of the stored (decoded) bytes.</summary>
    public string ETag => "\"" + Md5Hex + "\"";

    public string Md5Base64 => Convert.ToBase64String(Convert.FromHexString(Md5Hex));

    /// <summary>"x-amz-checksum-crc64nvme" etc., for the response header.</summary>
    public string ChecksumHeaderName => ChecksumAlgorithm.HeaderName();
}
