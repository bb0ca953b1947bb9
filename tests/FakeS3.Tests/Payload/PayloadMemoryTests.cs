using FakeS3.Payload;
using FakeS3.Signing;
using static FakeS3.Tests.Payload.PayloadTestKit;

namespace FakeS3.Tests.Payload;

/// <summary>The body is hashed as it streams: allocations stay flat however large the upload.</summary>
public class PayloadMemoryTests
{
    [Fact]
    public async Task LargeUnsignedChunkedBody_AllocatesFlatMemory()
    {
        const int chunks = 128, chunkSize = 64 * 1024; // 8 MiB decoded, 64 KiB pooled buffer
        var request = Testing.TestAuth.FromUrl("PUT", "http://localhost:4568/b/k",
            ("x-amz-content-sha256", SigV4Constants.StreamingUnsignedPayloadTrailer), ("Transfer-Encoding", "chunked"),
            ("X-Amz-Decoded-Content-Length", (chunks * (long)chunkSize).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var payload = IncomingPayload.Create(request, Auth(SigV4Constants.StreamingUnsignedPayloadTrailer), new ChunkedSource(chunks, chunkSize));
        var buffer = new byte[81920];
        var before = GC.GetAllocatedBytesForCurrentThread();
        while (await payload.Body.ReadAsync(buffer) > 0) { }
        var digest = payload.Complete();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(chunks * (long)chunkSize, digest.Size);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
    }

    /// <summary>Generates "10000\r\n&lt;64 KiB&gt;\r\n" × n, then "0\r\n\r\n", without holding the body.</summary>
    sealed class ChunkedSource(int chunks, int chunkSize) : Stream
    {
        readonly byte[] _header = System.Text.Encoding.ASCII.GetBytes(chunkSize.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "\r\n");
        readonly byte[] _end = "0\r\n\r\n"u8.ToArray();
        long _position;
        long ChunkLength => _header.Length + chunkSize + 2;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var total = chunks * ChunkLength + _end.Length;
            var n = (int)Math.Min(count, total - _position);
            for (var i = 0; i < n; i++) buffer[offset + i] = ByteAt(_position + i);
            _position += n;
            return n;
        }

        // Completes synchronously so the whole read loop stays on the test thread (allocation counter is per thread).
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var total = chunks * ChunkLength + _end.Length;
            var n = (int)Math.Min(buffer.Length, total - _position);
            var span = buffer.Span;
            for (var i = 0; i < n; i++) span[i] = ByteAt(_position + i);
            _position += n;
            return ValueTask.FromResult(n);
        }

        byte ByteAt(long p)
        {
            if (p >= chunks * ChunkLength) return _end[p - chunks * ChunkLength];
            var inChunk = p % ChunkLength;
            if (inChunk < _header.Length) return _header[inChunk];
            return inChunk < _header.Length + chunkSize ? (byte)'x' : (inChunk == ChunkLength - 2 ? (byte)'\r' : (byte)'\n');
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
