// TEMPORARY stand-in for the Signing/Payload work being done on the `sign` branch; deleted at merge.
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace FakeS3.Signing
{
    public enum AuthKind { Anonymous, SigV4Header, SigV4Query, SigV2Header, SigV2Query }

    public sealed record AuthResult(AuthKind Kind, string? AccessKeyId);

    public sealed class SignableRequest
    {
        public required HttpRequest Request { get; init; }
        public static SignableRequest From(HttpRequest request) => new() { Request = request };
    }

    public sealed class RequestAuthenticator
    {
        public AuthResult Authenticate(SignableRequest request) =>
            request.Request.Headers.ContainsKey("Authorization") || request.Request.Query.ContainsKey("X-Amz-Signature")
                ? new AuthResult(AuthKind.SigV4Header, "fakes3") : new AuthResult(AuthKind.Anonymous, null);
    }
}

namespace FakeS3.Payload
{
    using FakeS3.Signing;

    public sealed record PayloadDigest(long Size, string Md5Hex, string? ChecksumAlgorithm, string? ChecksumBase64, string ChecksumType);

    public sealed class IncomingPayload : Stream
    {
        readonly Stream _inner;
        readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        long _size;
        IncomingPayload(Stream inner) => _inner = inner;
        public Stream Body => this;
        public static IncomingPayload Create(SignableRequest request, AuthResult auth, Stream body, bool isUploadPart = false) => new(body);
        public PayloadDigest Complete() => new(_size, Convert.ToHexStringLower(_md5.GetHashAndReset()), null, null, "FULL_OBJECT");
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            var n = await _inner.ReadAsync(buffer, ct);
            _md5.AppendData(buffer.Span[..n]);
            _size += n;
            return n;
        }
        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _size; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long o, SeekOrigin s) => throw new NotSupportedException();
        public override void SetLength(long v) => throw new NotSupportedException();
        public override void Write(byte[] b, int o, int c) => throw new NotSupportedException();
    }
}
