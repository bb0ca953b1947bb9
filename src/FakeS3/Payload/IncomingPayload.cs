using System.Globalization;
using FakeS3.Checksums;
using FakeS3.Errors;
using FakeS3.Signing;

namespace FakeS3.Payload;

/// <summary>
/// The incoming body of a PUT/UploadPart: header checks up front (Create), a decoded and hashed Body to
/// stream into storage, and the end-of-body checks (Complete). Nothing is buffered.
/// </summary>
internal sealed class IncomingPayload : IDisposable
{
    readonly DigestingStream _body;
    readonly AwsChunkedStream? _chunked;
    readonly ChecksumExpectation _checksum;
    readonly string? _contentMd5;
    readonly string? _clientSha256;
    readonly long? _contentLength;
    readonly bool _isUploadPart;

    IncomingPayload(DigestingStream body, AwsChunkedStream? chunked, ChecksumExpectation checksum, string? contentMd5,
        string? clientSha256, long? contentLength, long? decodedLength, string? contentEncoding, bool isUploadPart)
    {
        (_body, _chunked, _checksum, _contentMd5, _clientSha256, _contentLength, _isUploadPart) =
            (body, chunked, checksum, contentMd5, clientSha256, contentLength, isUploadPart);
        DeclaredLength = decodedLength ?? contentLength;
        ContentEncoding = contentEncoding;
    }

    /// <summary>The object bytes (aws-chunked framing removed). Read it to the end, then call Complete.</summary>
    public Stream Body => _body;

    /// <summary>Object size announced by the client (x-amz-decoded-content-length or Content-Length), if any.</summary>
    public long? DeclaredLength { get; }

    /// <summary>The checksum algorithm the request supplies or names (header, trailer, x-amz-sdk-checksum-algorithm); null for none.</summary>
    public ChecksumAlgorithm? RequestedChecksum => _checksum.Algorithm;

    /// <summary>The Content-Encoding to store: the request's, with the aws-chunked token removed.</summary>
    public string? ContentEncoding { get; }

    /// <summary>Validates Content-MD5, checksum headers and length headers (spec §2.4); throws S3Exception.</summary>
    /// <param name="alsoCompute">A second checksum to compute alongside the request's (see <see cref="PayloadDigest.AlsoComputed"/>).</param>
    /// <param name="checksumHeadersDescribeBody">False for CompleteMultipartUpload, whose x-amz-checksum-* header is the
    /// object's checksum, not the XML body's [DOC CompleteMultipartUpload].</param>
    public static IncomingPayload Create(SignableRequest request, AuthResult auth, Stream body, bool isUploadPart = false,
        ChecksumAlgorithm? alsoCompute = null, bool checksumHeadersDescribeBody = true)
    {
        var contentMd5 = request.Header("Content-MD5");
        if (contentMd5 is not null && !IsMd5Base64(contentMd5)) throw new S3Exception(S3Errors.InvalidDigest(contentMd5));
        var checksum = checksumHeadersDescribeBody ? ChecksumExpectation.From(request) : ChecksumExpectation.None;
        var contentLength = ParseLength(request.Header("Content-Length"));
        var payloadHash = auth.PayloadHash;
        AwsChunkedStream? chunked = null;
        long? decodedLength = null;
        if (PayloadHashes.IsStreaming(payloadHash))
        {
            // Missing x-amz-decoded-content-length → 411 MissingContentLength (spec §5.1 [UNCONFIRMED]).
            decodedLength = ParseLength(request.Header(SigV4Constants.HeaderDecodedContentLength))
                ?? throw new S3Exception(S3Errors.MissingContentLength()
                    .WithExplanation("aws-chunked uploads need x-amz-decoded-content-length."));
            chunked = new AwsChunkedStream(body, ChunkedOptions(auth, payloadHash!, decodedLength.Value));
        }
        else if (contentLength is null && !IsHttpChunked(request))
        {
            throw new S3Exception(S3Errors.MissingContentLength());
        }
        // Refused before a byte of the body is read, with the size the client announced [WIRE versitygw#2041 quoting S3].
        if ((decodedLength ?? contentLength) is > UploadLimits.MaxBodySize and var proposed)
            throw new S3Exception(S3Errors.EntityTooLarge(proposed, UploadLimits.MaxBodySize));
        var sha256 = payloadHash is not null && PayloadHashes.IsSha256Hex(payloadHash) ? payloadHash.ToLowerInvariant() : null;
        var primary = checksum.Algorithm ?? ChecksumAlgorithm.Crc64Nvme;
        var digesting = new DigestingStream(chunked ?? body, sha256 is not null, ChecksumCalculator.Create(primary),
            alsoCompute is { } also && also != primary ? ChecksumCalculator.Create(also) : null);
        return new IncomingPayload(digesting, chunked, checksum, contentMd5, sha256, contentLength, decodedLength,
            ContentEncodings.WithoutAwsChunked(request.Header("Content-Encoding")), isUploadPart);
    }

    /// <summary>
    /// After Body was read to its end: size, x-amz-content-sha256, Content-MD5 and checksum checks, in that
    /// order (S3's precedence UNCONFIRMED). Throws S3Exception; the caller must then discard what it stored.
    /// </summary>
    public PayloadDigest Complete()
    {
        if (!_body.ReachedEnd) throw new InvalidOperationException("Read IncomingPayload.Body to its end before calling Complete().");
        var size = _body.BytesRead;
        if (_chunked is null && _contentLength is { } declared && declared != size)
            throw new S3Exception(S3Errors.IncompleteBody().WithExplanation($"Content-Length is {declared} but {size} bytes arrived."));
        if (_clientSha256 is not null && _body.Sha256Hex() is { } computed && computed != _clientSha256)
            throw new S3Exception(S3Errors.ContentSha256Mismatch(_clientSha256, computed));
        var md5Hex = _body.Md5Hex();
        if (_contentMd5 is not null)
        {
            var md5Base64 = Convert.ToBase64String(Convert.FromHexString(md5Hex));
            if (md5Base64 != _contentMd5)
            {
                // [REC] PutObject: ExpectedDigest hex + CalculatedDigest base64; UploadPart: both base64.
                var expected = _isUploadPart ? _contentMd5 : Convert.ToHexStringLower(Convert.FromBase64String(_contentMd5));
                throw new S3Exception(S3Errors.BadDigestMd5(expected, md5Base64));
            }
        }
        var checksumBase64 = _body.Checksum.ToBase64();
        var algorithm = _body.Checksum.Algorithm;
        var supplied = ExpectedChecksum();
        if (supplied is not null && supplied != checksumBase64)
            throw new S3Exception(S3Errors.ChecksumMismatch(algorithm.UpperName())
                .WithExplanation($"Supplied {supplied}, computed {checksumBase64} over {size} bytes."));
        return new PayloadDigest(size, md5Hex, algorithm, checksumBase64, _checksum.Algorithm is not null)
        {
            AlsoComputed = _body.SecondChecksum is { } second ? second.ToBase64() : null,
        };
    }

    string? ExpectedChecksum()
    {
        if (!_checksum.FromTrailer) return _checksum.HeaderValue;
        var algorithm = _checksum.Algorithm!.Value;
        // A declared trailer that never arrived: IncompleteBody (FakeS3 decision, UNCONFIRMED).
        if (_chunked is null || !_chunked.Trailers.TryGetValue(algorithm.HeaderName(), out var value))
            throw new S3Exception(S3Errors.IncompleteBody().WithExplanation($"x-amz-trailer declared {algorithm.HeaderName()} but no such trailer was sent."));
        if (!algorithm.IsValidValue(value)) throw new S3Exception(S3Errors.ChecksumHeaderInvalid(algorithm.LowerName()));
        return value;
    }

    static ChunkedUploadOptions ChunkedOptions(AuthResult auth, string payloadHash, long decodedLength)
    {
        var signed = PayloadHashes.HasSignedChunks(payloadHash);
        return new ChunkedUploadOptions(decodedLength, signed)
        {
            SeedSignature = signed ? auth.Signature : null, SigningKey = signed ? auth.SigningKey : null,
            AmzDate = auth.AmzDate, Scope = auth.CredentialScope?.Scope,
        };
    }

    static bool IsMd5Base64(string value)
    {
        Span<byte> buffer = stackalloc byte[24];
        return value.Length == 24 && Convert.TryFromBase64String(value, buffer, out var n) && n == 16;
    }

    static long? ParseLength(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    static bool IsHttpChunked(SignableRequest request) =>
        request.Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true;

    public void Dispose()
    {
        _body.Dispose();
        _chunked?.Dispose();
    }
}
