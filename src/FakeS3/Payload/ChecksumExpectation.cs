using FakeS3.Checksums;
using FakeS3.Errors;
using FakeS3.Signing;

namespace FakeS3.Payload;

/// <summary>
/// Which checksum the upload carries: an x-amz-checksum-* header, a declared trailer (x-amz-trailer), or
/// only x-amz-sdk-checksum-algorithm; validated up front (spec §2.4). Query-string checksums are not
/// validated against the body (spec §1.7 [REC]) and are not read here.
/// </summary>
internal sealed record ChecksumExpectation(ChecksumAlgorithm? Algorithm, string? HeaderValue, bool FromTrailer)
{
    public static readonly ChecksumExpectation None = new(null, null, false);

    public static ChecksumExpectation From(SignableRequest request)
    {
        ChecksumAlgorithm? found = null;
        string? value = null;
        foreach (var algorithm in ChecksumAlgorithms.All)
        {
            var v = request.Header(algorithm.HeaderName());
            if (v is null) continue;
            if (found is not null) throw new S3Exception(S3Errors.MultipleChecksumHeaders());
            if (!algorithm.IsValidValue(v)) throw new S3Exception(S3Errors.ChecksumHeaderInvalid(algorithm.LowerName()));
            (found, value) = (algorithm, v);
        }
        var trailer = TrailerAlgorithm(request);
        if (trailer is not null && found is not null && trailer != found)
            throw new S3Exception(S3Errors.MultipleChecksumHeaders());
        if (found is not null) return new ChecksumExpectation(found, value, false);
        if (trailer is not null) return new ChecksumExpectation(trailer, null, true);
        // x-amz-sdk-checksum-algorithm alone (e.g. a presigned URL with the checksum in the query): compute
        // that algorithm so it is what gets stored, but there is nothing to compare with.
        return ChecksumAlgorithms.TryParse(request.Header("x-amz-sdk-checksum-algorithm"), out var requested)
            ? new ChecksumExpectation(requested, null, false)
            : new ChecksumExpectation(null, null, false);
    }

    static ChecksumAlgorithm? TrailerAlgorithm(SignableRequest request)
    {
        var declared = request.Header(SigV4Constants.HeaderTrailer);
        if (declared is null) return null;
        ChecksumAlgorithm? result = null;
        foreach (var name in declared.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!ChecksumAlgorithms.TryParseHeaderName(name, out var a)) continue;
            if (result is not null && result != a) throw new S3Exception(S3Errors.MultipleChecksumHeaders());
            result = a;
        }
        return result;
    }
}
