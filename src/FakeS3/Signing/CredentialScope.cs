using FakeS3.Errors;

namespace FakeS3.Signing;

/// <summary>"&lt;AKID&gt;/yyyyMMdd/region/s3/aws4_request", checked in the order of spec §2.2 rows 2–2d.</summary>
internal sealed record CredentialScope(string AccessKeyId, string Date, string Region, string Service)
{
    /// <summary>The scope line of the StringToSign: date/region/service/aws4_request.</summary>
    public string Scope { get; } = $"{Date}/{Region}/{Service}/{SigV4Constants.Terminator}";

    /// <summary>Parses a query credential (AuthorizationQueryParametersError) or a header one (AuthorizationHeaderMalformed).</summary>
    public static CredentialScope Parse(string credential, string expectedRegion, bool fromQuery)
    {
        if (TryParse(credential, expectedRegion, fromQuery, out var scope, out var error)) return scope;
        throw new S3Exception(error);
    }

    public static bool TryParse(string credential, string expectedRegion, bool fromQuery,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CredentialScope? scope,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out S3Error? error)
    {
        scope = null;
        var parts = credential.Split('/');
        if (parts.Length != 5 || parts[0].Length == 0)
            return Fail(S3Errors.CredentialMalformedReason, fromQuery, out error);
        var (akid, date, region, service, terminal) = (parts[0], parts[1], parts[2], parts[3], parts[4]);
        if (!IsDateStamp(date)) return Fail(S3Errors.CredentialDateReason(date), fromQuery, out error);
        if (region != expectedRegion)
        {
            error = fromQuery ? S3Errors.QueryCredentialWrongRegion(region, expectedRegion)
                : S3Errors.HeaderWrongRegion(region, expectedRegion);
            return false;
        }
        if (service != SigV4Constants.Service) return Fail(S3Errors.CredentialServiceReason(service), fromQuery, out error);
        if (terminal != SigV4Constants.Terminator) return Fail(S3Errors.CredentialTerminalReason(terminal), fromQuery, out error);
        scope = new CredentialScope(akid, date, region, service);
        error = null;
        return true;
    }

    static bool Fail(string reason, bool fromQuery, out S3Error error)
    {
        error = fromQuery ? S3Errors.QueryCredential(reason) : S3Errors.HeaderMalformed(reason);
        return false;
    }

    static bool IsDateStamp(string value) =>
        value.Length == 8 && DateTime.TryParseExact(value, SigV4Constants.DateStampFormat,
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _);
}
