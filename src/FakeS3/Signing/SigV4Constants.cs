namespace FakeS3.Signing;

/// <summary>SigV4 literals, named as in the AWS SDK for .NET's AWS4Signer.</summary>
internal static class SigV4Constants
{
    public const string Scheme = "AWS4";
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string EcdsaAlgorithm = "AWS4-ECDSA-P256-SHA256";
    public const string Terminator = "aws4_request";
    public const string Service = "s3";
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    public const string StreamingBodySha256 = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    public const string StreamingBodySha256Trailer = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    public const string StreamingUnsignedPayloadTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
    public const string StreamingEcdsaPayload = "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD";
    public const string StreamingEcdsaPayloadTrailer = "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER";
    public const string ChunkStringToSignPrefix = "AWS4-HMAC-SHA256-PAYLOAD";
    public const string TrailerStringToSignPrefix = "AWS4-HMAC-SHA256-TRAILER";
    public const string EmptyBodySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    public const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";
    public const string DateStampFormat = "yyyyMMdd";

    /// <summary>AWS4PreSignedUrlSigner.MaxAWS4PreSignedUrlExpiry.</summary>
    public const long MaxPresignedUrlExpiry = 7 * 24 * 60 * 60;

    public const string XAmzAlgorithm = "X-Amz-Algorithm";
    public const string XAmzCredential = "X-Amz-Credential";
    public const string XAmzDate = "X-Amz-Date";
    public const string XAmzExpires = "X-Amz-Expires";
    public const string XAmzSignedHeaders = "X-Amz-SignedHeaders";
    public const string XAmzSignature = "X-Amz-Signature";
    public const string XAmzSecurityToken = "X-Amz-Security-Token";
    public const string XAmzContentSha256 = "X-Amz-Content-Sha256";

    public const string HeaderAmzDate = "x-amz-date";
    public const string HeaderContentSha256 = "x-amz-content-sha256";
    public const string HeaderSecurityToken = "x-amz-security-token";
    public const string HeaderDecodedContentLength = "x-amz-decoded-content-length";
    public const string HeaderTrailer = "x-amz-trailer";
}
