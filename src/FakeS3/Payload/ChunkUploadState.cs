using FakeS3.Errors;

namespace FakeS3.Payload;

/// <summary>
/// Byte accounting for aws-chunked decoding: bytes left in the chunk, decoded total against
/// x-amz-decoded-content-length, and S3's 8192-byte minimum for non-final chunks.
/// </summary>
internal sealed class ChunkUploadState(ChunkedUploadOptions options)
{
    const int MinChunkSize = 8192;
    long _previousChunkSize = -1;

    public ChunkPhase Phase { get; set; } = ChunkPhase.Header;
    public long Remaining { get; private set; }
    public long Decoded { get; private set; }

    public void BeginChunk(long size)
    {
        // "Only the last chunk is allowed to have a size less than 8192 bytes" [DOC rule, 2ND text]: a
        // small chunk followed by another data chunk. Enforced for signed chunks only: botocore and the JS
        // SDK send unsigned (STREAMING-UNSIGNED-PAYLOAD-TRAILER) chunks as large as each read of the
        // caller's stream, which can be smaller, and real S3 accepts those uploads (FakeS3 leniency).
        if (options.SignedChunks && options.EnforceMinimumChunkSize && size > 0 && _previousChunkSize is >= 0 and < MinChunkSize)
            throw new S3Exception(S3Errors.InvalidChunkSize()
                .WithExplanation($"A {_previousChunkSize}-byte chunk was followed by another data chunk."));
        // Decoded length mismatch is IncompleteBody (spec §5.1 [UNCONFIRMED]).
        if (size > options.DecodedContentLength - Decoded)
            throw new S3Exception(S3Errors.IncompleteBody().WithExplanation(
                $"The chunks carry more than x-amz-decoded-content-length ({options.DecodedContentLength}) bytes."));
        if (size > 0) _previousChunkSize = size;
        Remaining = size;
        if (size > 0) Phase = ChunkPhase.Data;
    }

    public void Consumed(int n)
    {
        Remaining -= n;
        Decoded += n;
        if (Remaining == 0) Phase = ChunkPhase.DataEnd;
    }

    public void Finish()
    {
        if (Decoded != options.DecodedContentLength)
            throw new S3Exception(S3Errors.IncompleteBody().WithExplanation(
                $"Decoded {Decoded} bytes but x-amz-decoded-content-length is {options.DecodedContentLength}."));
        Phase = ChunkPhase.Done;
    }
}
