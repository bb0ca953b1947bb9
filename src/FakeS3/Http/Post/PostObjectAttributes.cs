using FakeS3.Checksums;
using FakeS3.Errors;
using FakeS3.Http.Objects;
using FakeS3.Policy;
using FakeS3.Storage;

namespace FakeS3.Http.Post;

/// <summary>Object attributes from POST form fields, stored exactly as a PUT would store them [DOC][REC spec §3.1].</summary>
internal static class PostObjectAttributes
{
    public static ObjectRecord From(PostForm form, string bucket, string key)
    {
        ObjectAttributes.ValidateKey(key);
        var record = new ObjectRecord
        {
            Bucket = bucket,
            Key = key,
            // Content-Type comes from the form field, not from the file part [REC].
            ContentType = HeaderField(form, "Content-Type") ?? "binary/octet-stream",
            CacheControl = HeaderField(form, "Cache-Control"),
            ContentDisposition = HeaderField(form, "Content-Disposition"),
            ContentEncoding = HeaderField(form, "Content-Encoding"),
            Expires = HeaderField(form, "Expires"),
            WebsiteRedirectLocation = HeaderField(form, "x-amz-website-redirect-location"),
            StorageClass = ObjectAttributes.StorageClass(NonEmpty(form.Get("x-amz-storage-class"))),
            Acl = CannedAcl.FromHeader(NonEmpty(form.Get("acl"))),
            Tags = NonEmpty(form.Get("tagging")) is { } tagging ? TagSet.ParseXml(tagging) : new(StringComparer.Ordinal),
        };
        foreach (var field in form.Fields)
        {
            if (!field.Name.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase)) continue;
            if (!field.Name.All(IsTokenChar)) throw new S3Exception(S3Errors.InvalidArgument("Your metadata headers are not valid.", field.Name, field.Value));
            record.Metadata[field.Name[11..].ToLowerInvariant()] = field.Value;
        }
        return record;
    }

    const string AlgorithmField = "x-amz-checksum-algorithm";

    /// <summary>
    /// The checksum the form supplies (x-amz-checksum-&lt;alg&gt; field), validated like the header. A named
    /// x-amz-checksum-algorithm must be the algorithm of the value field present, and needs one: S3 answers the same
    /// pair of headers (x-amz-sdk-checksum-algorithm) with InvalidRequest [2ND versitygw#1598, hadoop#6467]; that the
    /// form field is judged the same way, and its texts, are UNCONFIRMED (docs/decisions.md; conformance scenario
    /// post-checksum-algorithm-*).
    /// </summary>
    public static (ChecksumAlgorithm Algorithm, string? Expected) Checksum(PostForm form)
    {
        (ChecksumAlgorithm Algorithm, string Value)? found = null;
        foreach (var algorithm in ChecksumAlgorithms.All)
        {
            if (form.Get(algorithm.HeaderName()) is not { } value) continue;
            if (!algorithm.IsValidValue(value)) throw new S3Exception(S3Errors.ChecksumHeaderInvalid(algorithm.LowerName()));
            if (found is not null) throw new S3Exception(S3Errors.MultipleChecksumHeaders());
            found = (algorithm, value);
        }
        if (NonEmpty(form.Get(AlgorithmField)) is { } named)
        {
            if (!ChecksumAlgorithms.TryParse(named, out var requested)) throw new S3Exception(S3Errors.ChecksumAlgorithmUnsupported());
            if (found is null) throw new S3Exception(S3Errors.ChecksumAlgorithmWithoutValue(AlgorithmField));
            if (found.Value.Algorithm != requested) throw new S3Exception(S3Errors.ChecksumAlgorithmNameInvalid(AlgorithmField));
        }
        // With no checksum field S3 computes and returns CRC64NVME [REC spec §3.4].
        return found is { } f ? (f.Algorithm, f.Value) : (ChecksumAlgorithm.Crc64Nvme, null);
    }

    static string? NonEmpty(string? v) => string.IsNullOrEmpty(v) ? null : v;

    /// <summary>
    /// A field GET and HEAD return as a response header. Unlike a PUT's headers a form field can hold CR, LF or
    /// characters beyond ISO-8859-1; stored, every later GET was a 500 or changed them to '?'. Refused like a
    /// response override with such a value, before anything is stored (S3's answer to a form is UNCONFIRMED).
    /// </summary>
    static string? HeaderField(PostForm form, string name)
    {
        var value = NonEmpty(form.Get(name));
        if (value is not null) HeaderValue.Validate(name, value);
        return value;
    }

    /// <summary>An HTTP header name character (RFC 9110 tchar): metadata names come back as x-amz-meta-&lt;name&gt; headers.</summary>
    static bool IsTokenChar(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
        or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
}
