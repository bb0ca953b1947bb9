namespace FakeS3.Payload;

/// <summary>What an <see cref="AwsChunkedStream"/> needs to decode and (in signed modes) verify the chain.</summary>
internal sealed record ChunkedUploadOptions(long DecodedContentLength, bool SignedChunks)
{
    /// <summary>Seed: the request signature (the first chunk's "previous signature").</summary>
    public string? SeedSignature { get; init; }
    public byte[]? SigningKey { get; init; }
    public string? AmzDate { get; init; }
    public string? Scope { get; init; }

    /// <summary>Non-final chunks under 8192 bytes are rejected (signed modes only, see AwsChunkedStream).</summary>
    public bool EnforceMinimumChunkSize { get; init; } = true;
}
