namespace FakeS3.Errors;

/// <summary>Carries one <see cref="S3Error"/> out of parsers, verifiers and stream decoders.</summary>
internal sealed class S3Exception(S3Error error) : Exception(error.ToString())
{
    public S3Error Error { get; } = error;
}
