namespace FakeS3.Signing;

/// <summary>The x-amz-content-sha256 values S3 accepts (its own error text lists them, spec §1.6 [WIRE]).</summary>
internal static class PayloadHashes
{
    public static bool IsValid(string value) => value switch
    {
        SigV4Constants.UnsignedPayload or SigV4Constants.StreamingUnsignedPayloadTrailer
            or SigV4Constants.StreamingBodySha256 or SigV4Constants.StreamingBodySha256Trailer
            or SigV4Constants.StreamingEcdsaPayload or SigV4Constants.StreamingEcdsaPayloadTrailer => true,
        _ => IsSha256Hex(value),
    };

    /// <summary>64 hex digits. Either case is accepted here; the body comparison ignores case.</summary>
    public static bool IsSha256Hex(string value)
    {
        if (value.Length != 64) return false;
        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigit(c)) return false;
        }
        return true;
    }

    public static bool IsStreaming(string? value) => value is not null && value.StartsWith("STREAMING-", StringComparison.Ordinal);

    public static bool HasSignedChunks(string? value) =>
        value is SigV4Constants.StreamingBodySha256 or SigV4Constants.StreamingBodySha256Trailer;
}
