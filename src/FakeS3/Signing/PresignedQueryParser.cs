using System.Globalization;
using FakeS3.Errors;

namespace FakeS3.Signing;

/// <summary>Validates presign parameters in the order of spec §2.2 (rows 1–4b); throws S3Exception.</summary>
internal static class PresignedQueryParser
{
    static readonly string[] Required =
    [
        SigV4Constants.XAmzAlgorithm, SigV4Constants.XAmzCredential, SigV4Constants.XAmzSignature,
        SigV4Constants.XAmzDate, SigV4Constants.XAmzSignedHeaders, SigV4Constants.XAmzExpires,
    ];

    /// <summary>True when any of the six presign parameters is present (then all six are required).</summary>
    public static bool IsPresent(ParsedQuery query)
    {
        foreach (var name in Required)
        {
            if (query.Contains(name)) return true;
        }
        return false;
    }

    public static PresignedQuery Parse(ParsedQuery query, string expectedRegion)
    {
        foreach (var name in Required)
        {
            if (!query.Contains(name)) throw new S3Exception(S3Errors.QueryParametersIncomplete());
        }
        var algorithm = query.Get(SigV4Constants.XAmzAlgorithm)!;
        if (algorithm == SigV4Constants.EcdsaAlgorithm)
            throw new S3Exception(S3Errors.SigV4aNotImplemented().WithExplanation("FakeS3 does not implement SigV4a (AWS4-ECDSA-P256-SHA256) presigned URLs."));
        if (algorithm != SigV4Constants.Algorithm) throw new S3Exception(S3Errors.QueryAlgorithmUnsupported());

        var scope = CredentialScope.Parse(query.Get(SigV4Constants.XAmzCredential)!, expectedRegion, fromQuery: true);

        var amzDateText = query.Get(SigV4Constants.XAmzDate)!;
        if (!AmzDate.TryParse(amzDateText, out var amzDate)) throw new S3Exception(S3Errors.QueryDateMalformed());
        if (!amzDateText.AsSpan(0, 8).SequenceEqual(scope.Date))
            throw new S3Exception(S3Errors.QueryCredentialDateMismatch(scope.Date, amzDateText[..8]));

        var expiresText = query.Get(SigV4Constants.XAmzExpires)!;
        if (!long.TryParse(expiresText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var expires))
            throw new S3Exception(S3Errors.QueryExpiresNotNumber());
        if (expires < 0) throw new S3Exception(S3Errors.QueryExpiresNegative());
        if (expires > SigV4Constants.MaxPresignedUrlExpiry) throw new S3Exception(S3Errors.QueryExpiresTooLarge());

        var signedHeaders = query.Get(SigV4Constants.XAmzSignedHeaders)!;
        // The JS SDK v3 puts X-Amz-Content-Sha256 in the query; any value there is the payload hash
        // (spec §1.6 [UNCONFIRMED]); otherwise presigned URLs sign UNSIGNED-PAYLOAD [DOC].
        var payloadHash = query.Get(SigV4Constants.XAmzContentSha256) is { Length: > 0 } p ? p : SigV4Constants.UnsignedPayload;
        return new PresignedQuery(scope, amzDateText, amzDate, expires, signedHeaders,
            AuthorizationHeaderParser.SplitSignedHeaders(signedHeaders), query.Get(SigV4Constants.XAmzSignature)!,
            query.Get(SigV4Constants.XAmzSecurityToken), payloadHash);
    }
}
