using FakeS3.Errors;

namespace FakeS3.Form;

/// <summary>
/// Read-only view of the file part that turns the multipart parser's "unexpected end of stream" into
/// MalformedPOSTRequest (a truncated body [2ND]), so the endpoint never answers 500 on a cut-off upload.
/// </summary>
internal sealed class FileBodyStream(Stream inner) : ReadOnlyStream
{

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return inner.Read(buffer);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            throw new S3Exception(S3Errors.MalformedPostRequest());
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            throw new S3Exception(S3Errors.MalformedPostRequest());
        }
    }
}
