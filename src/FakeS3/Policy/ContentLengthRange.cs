using FakeS3.Errors;

namespace FakeS3.Policy;

/// <summary>
/// The size window a policy allows for the file (the intersection of its content-length-range
/// conditions). The upload endpoint checks it once the streamed size is known.
/// </summary>
internal sealed record ContentLengthRange(long Min, long Max)
{
    /// <summary>[REC] EntityTooSmall / EntityTooLarge with ProposedSize and the violated bound.</summary>
    public S3Error? CheckSize(long size) =>
        size < Min || size > Max
            ? (size < Min ? S3Errors.EntityTooSmall(size, Min) : S3Errors.EntityTooLarge(size, Max))
                .WithExplanation($"The file is {size} bytes; the policy's content-length-range allows {Min} to {Max} bytes.")
            : null;

    /// <summary>True once more than Max bytes arrived, so a streaming upload can stop reading early.</summary>
    public bool Exceeded(long bytesSoFar) => bytesSoFar > Max;
}
