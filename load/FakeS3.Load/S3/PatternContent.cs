using System.Net;

namespace FakeS3.Load.S3;

/// <summary>An upload body generated on the fly from <see cref="ObjectPayload"/>: a 1 GiB PUT costs 64 KiB of memory.</summary>
public sealed class PatternContent : HttpContent
{
    private readonly int _seed;
    private readonly long _size;

    public PatternContent(int seed, long size)
    {
        _seed = seed;
        _size = size;
        Headers.ContentLength = size;
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        for (long offset = 0; offset < _size;)
        {
            int n = (int)Math.Min(buffer.Length, _size - offset);
            ObjectPayload.Fill(buffer.AsSpan(0, n), _seed, offset);
            await stream.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
            offset += n;
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = _size;
        return true;
    }
}
