using FakeS3.Checksums;
using FakeS3.Errors;
using FakeS3.Payload;
using FakeS3.Storage;

namespace FakeS3.Http.Multipart;

/// <summary>
/// The checksum contract of a multipart upload, from CreateMultipartUpload to CompleteMultipartUpload
/// [DOC checking-object-integrity; texts in S3Errors.Multipart]. Without an algorithm S3 gives the object a
/// FULL_OBJECT CRC64NVME of its own [DOC: default data-integrity protections; 2ND scality/LocalStack].
/// </summary>
internal static class MultipartChecksumRules
{
    /// <summary>x-amz-checksum-algorithm / x-amz-checksum-type of CreateMultipartUpload, validated.</summary>
    public static (ChecksumAlgorithm? Algorithm, string? Type) FromCreate(S3RequestContext ctx)
    {
        var algorithmHeader = ctx.Header("x-amz-checksum-algorithm");
        var typeHeader = ctx.Header("x-amz-checksum-type");
        if (algorithmHeader is null)
        {
            if (typeHeader is not null) throw new S3Exception(S3Errors.ChecksumTypeWithoutAlgorithm());
            return (null, null);
        }
        if (!ChecksumAlgorithms.TryParse(algorithmHeader, out var algorithm)) throw new S3Exception(S3Errors.ChecksumAlgorithmUnsupported());
        var type = typeHeader?.ToUpperInvariant() ?? MultipartChecksum.DefaultType(algorithm);
        if (type is not (MultipartChecksum.Composite or MultipartChecksum.FullObject))
        {
            // [UNCONFIRMED] an unknown type value: the header-invalid text S3 uses for the other checksum headers.
            throw new S3Exception(S3Errors.InvalidRequest("Value for x-amz-checksum-type header is invalid."));
        }
        if (!MultipartChecksum.Allows(algorithm, type))
            throw new S3Exception(S3Errors.ChecksumTypeNotAllowed(type, algorithm.LowerName()));
        return (algorithm, type);
    }

    public static ChecksumAlgorithm? AlgorithmOf(MultipartUploadRecord upload) =>
        ChecksumAlgorithms.TryParse(upload.Template.ChecksumAlgorithm, out var a) ? a : null;

    /// <summary>An upload created with an algorithm takes only parts carrying that algorithm [2ND Swift against AWS].</summary>
    public static void CheckPart(MultipartUploadRecord upload, IncomingPayload payload)
    {
        if (AlgorithmOf(upload) is not { } expected || payload.RequestedChecksum == expected) return;
        throw new S3Exception(S3Errors.PartChecksumTypeMismatch(expected.LowerName(), payload.RequestedChecksum?.LowerName() ?? "null")
            .WithExplanation($"The upload was created with x-amz-checksum-algorithm {expected.UpperName()}; every UploadPart must send x-amz-checksum-{expected.LowerName()} (header or trailer)."));
    }

    /// <summary>The part record's checksum fields from its verified digest.</summary>
    public static void Apply(PartRecord part, PayloadDigest digest, MultipartUploadRecord upload)
    {
        part.ChecksumAlgorithm = digest.ChecksumAlgorithm.UpperName();
        part.ChecksumValue = digest.ChecksumBase64;
        if (AlgorithmOf(upload) is null)
            part.Crc64Nvme = digest.ChecksumAlgorithm == ChecksumAlgorithm.Crc64Nvme ? digest.ChecksumBase64 : digest.AlsoComputed;
    }

    /// <summary>
    /// The completed object's checksum (algorithm, value, type) from the chosen parts; null when a part lacks what
    /// is needed (parts stored before FakeS3 kept part checksums).
    /// </summary>
    public static (ChecksumAlgorithm Algorithm, string Value, string Type)? ForObject(MultipartUploadRecord upload, IReadOnlyList<PartRecord> parts)
    {
        if (AlgorithmOf(upload) is not { } algorithm)
        {
            if (parts.Any(p => p.Crc64Nvme is null)) return null;
            return (ChecksumAlgorithm.Crc64Nvme,
                MultipartChecksum.ComputeFullObject(ChecksumAlgorithm.Crc64Nvme, parts.Select(p => (p.Crc64Nvme!, p.Size)).ToList()),
                MultipartChecksum.FullObject);
        }
        if (parts.Any(p => p.ChecksumValue is null || p.ChecksumAlgorithm != algorithm.UpperName())) return null;
        var type = TypeOf(upload)!;
        var value = type == MultipartChecksum.Composite
            ? MultipartChecksum.ComputeComposite(algorithm, parts.Select(p => p.ChecksumValue!).ToList())
            : MultipartChecksum.ComputeFullObject(algorithm, parts.Select(p => (p.ChecksumValue!, p.Size)).ToList());
        return (algorithm, value, type);
    }

    public static string? TypeOf(MultipartUploadRecord upload) =>
        upload.Template.ChecksumType ?? (AlgorithmOf(upload) is { } a ? MultipartChecksum.DefaultType(a) : null);
}
