using System.Globalization;

namespace FakeS3.Errors;

/// <summary>Factories for authentication errors (spec §2.1–2.3). Each holds AWS's exact message.</summary>
internal static partial class S3Errors
{
    const string QueryV4Required =
        "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.";

    public const string SignatureMismatchMessage =
        "The request signature we calculated does not match the signature you provided. Check your key and signing method.";

    // [WIRE] spec §2.1
    public static S3Error MultipleAuthMechanisms(string authorizationHeader) => new(S3ErrorCode.InvalidArgument,
        "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified",
        ("ArgumentName", "Authorization"), ("ArgumentValue", authorizationHeader));

    public static S3Error QueryParametersIncomplete() => new(S3ErrorCode.AuthorizationQueryParametersError, QueryV4Required);

    public static S3Error SigV2QueryParametersIncomplete() => new(S3ErrorCode.AccessDenied,
        "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters");

    public static S3Error AccessDenied() => new(S3ErrorCode.AccessDenied, "Access Denied");

    // FakeS3's own guard, not S3 behaviour (docs/decisions.md): the message names the setting, for the developer
    // whose client really uses that name.
    public static S3Error HostNotServed(string message) => new(S3ErrorCode.AccessDenied, message)
    {
        Explanation = "FakeS3 listens on loopback only, so a request under another name is taken for a DNS-rebinding web page (its name re-pointed at 127.0.0.1) and refused before authentication; nothing was read or changed.",
    };

    // spec §2.2 table, rows 1–4b
    public static S3Error QueryAlgorithmUnsupported() => new(S3ErrorCode.AuthorizationQueryParametersError,
        "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256 and AWS4-ECDSA-P256-SHA256\"");

    public static S3Error QueryCredential(string reason) => new(S3ErrorCode.AuthorizationQueryParametersError,
        "Error parsing the X-Amz-Credential parameter; " + reason);

    public static S3Error QueryCredentialWrongRegion(string given, string expected) => new(
        S3ErrorCode.AuthorizationQueryParametersError,
        $"Error parsing the X-Amz-Credential parameter; the region '{given}' is wrong; expecting '{expected}'",
        ("Region", expected));

    public static S3Error QueryDateMalformed() => new(S3ErrorCode.AuthorizationQueryParametersError,
        "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");

    public static S3Error QueryCredentialDateMismatch(string credentialDate, string amzDate8) => new(
        S3ErrorCode.AuthorizationQueryParametersError,
        $"Invalid credential date \"{credentialDate}\". This date is not the same as X-Amz-Date: \"{amzDate8}\".");

    public static S3Error QueryExpiresNotNumber() => new(S3ErrorCode.AuthorizationQueryParametersError,
        "X-Amz-Expires should be a number");

    public static S3Error QueryExpiresNegative() => new(S3ErrorCode.AuthorizationQueryParametersError,
        "X-Amz-Expires must be non-negative");

    public static S3Error QueryExpiresTooLarge() => new(S3ErrorCode.AuthorizationQueryParametersError,
        "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds");

    // Shared reasons for the credential parser (query: prefixed by QueryCredential; header: by HeaderMalformed).
    public const string CredentialMalformedReason =
        "the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".";

    public static string CredentialDateReason(string value) =>
        $"incorrect date format \"{value}\". This date in the credential must be in the format \"yyyyMMdd\".";

    public static string CredentialServiceReason(string value) => $"incorrect service \"{value}\". This endpoint belongs to \"s3\".";

    public static string CredentialTerminalReason(string value) => $"incorrect terminal \"{value}\". This endpoint uses \"aws4_request\".";

    public static S3Error InvalidAccessKeyId(string accessKeyId) => new(S3ErrorCode.InvalidAccessKeyId,
        "The AWS Access Key Id you provided does not exist in our records.", ("AWSAccessKeyId", accessKeyId));

    /// <summary>[WIRE] "Request has expired". SigV4 carries X-Amz-Expires; SigV2 omits it.</summary>
    public static S3Error RequestExpired(long? xAmzExpires, DateTimeOffset expires, DateTimeOffset serverTime)
    {
        var details = new List<(string, string)>();
        if (xAmzExpires is { } e) details.Add(("X-Amz-Expires", e.ToString(CultureInfo.InvariantCulture)));
        details.Add(("Expires", IsoSeconds(expires)));
        details.Add(("ServerTime", IsoSeconds(serverTime)));
        return new(S3ErrorCode.AccessDenied, "Request has expired", [.. details]);
    }

    /// <summary>[WIRE] X-Amz-Date is printed as epoch milliseconds in this error.</summary>
    public static S3Error RequestNotYetValid(DateTimeOffset amzDate, DateTimeOffset expires, DateTimeOffset serverTime) =>
        new(S3ErrorCode.AccessDenied, "Request is not yet valid",
            ("X-Amz-Date", amzDate.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
            ("Expires", IsoSeconds(expires)), ("ServerTime", IsoSeconds(serverTime)));

    public static S3Error HeadersNotSigned(IEnumerable<string> lowerCaseNames) => new(S3ErrorCode.AccessDenied,
        "There were headers present in the request which were not signed",
        ("HeadersNotSigned", string.Join(", ", lowerCaseNames)));

    /// <summary>SigV4 mismatch with the computed texts and their bytes (spec §2.2 #9).</summary>
    public static S3Error SignatureDoesNotMatch(string accessKeyId, string stringToSign, string signatureProvided,
        string? canonicalRequest)
    {
        var details = new List<(string, string)>
        {
            ("AWSAccessKeyId", accessKeyId), ("StringToSign", stringToSign),
            ("SignatureProvided", signatureProvided), ("StringToSignBytes", HexBytes(stringToSign)),
        };
        if (canonicalRequest is not null)
        {
            details.Add(("CanonicalRequest", canonicalRequest));
            details.Add(("CanonicalRequestBytes", HexBytes(canonicalRequest)));
        }
        return new(S3ErrorCode.SignatureDoesNotMatch, SignatureMismatchMessage, [.. details]);
    }

    /// <summary>A chunk or trailer signature that does not continue the chain (spec §5.1, UNCONFIRMED details).</summary>
    public static S3Error ChunkSignatureDoesNotMatch() => new(S3ErrorCode.SignatureDoesNotMatch, SignatureMismatchMessage);

    // spec §2.3
    public static S3Error HeaderMalformed(string reason) => new(S3ErrorCode.AuthorizationHeaderMalformed,
        "The authorization header is malformed; " + reason);

    public static S3Error HeaderWrongRegion(string given, string expected) => new(S3ErrorCode.AuthorizationHeaderMalformed,
        $"The authorization header is malformed; the region '{given}' is wrong; expecting '{expected}'",
        ("Region", expected));

    public static S3Error AuthMechanismNotSupported() => new(S3ErrorCode.InvalidRequest,
        "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.");

    public static S3Error UnsupportedAuthorizationType(string authorization) => new(S3ErrorCode.InvalidArgument,
        "Unsupported Authorization Type", ("ArgumentName", "Authorization"), ("ArgumentValue", authorization));

    public static S3Error MissingDateHeader() => new(S3ErrorCode.AccessDenied,
        "AWS authentication requires a valid Date or x-amz-date header");

    public static S3Error RequestTimeTooSkewed(string requestTime, DateTimeOffset serverTime, long maxSkewMs) =>
        new(S3ErrorCode.RequestTimeTooSkewed, "The difference between the request time and the current time is too large.",
            ("RequestTime", requestTime), ("ServerTime", IsoSeconds(serverTime)),
            ("MaxAllowedSkewMilliseconds", maxSkewMs.ToString(CultureInfo.InvariantCulture)));

    public static S3Error MissingContentSha256() => new(S3ErrorCode.InvalidRequest,
        "Missing required header for this request: x-amz-content-sha256");

    /// <summary>DeleteObjects without Content-MD5 or a flexible checksum [WIRE aws/aws-cli#400, pplu/aws-sdk-perl#149].</summary>
    public static S3Error MissingContentMd5() => new(S3ErrorCode.InvalidRequest,
        "Missing required header for this request: Content-MD5");

    public static S3Error ContentSha256NotSigned() => new(S3ErrorCode.InvalidRequest,
        "header 'x-amz-content-sha256' must be included in signature");

    public static S3Error ContentSha256Invalid(string value) => new(S3ErrorCode.InvalidArgument,
        "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.",
        ("ArgumentName", "x-amz-content-sha256"), ("ArgumentValue", value));

    /// <summary>[UNCONFIRMED] spec §1.7: a signed header also sent as a query parameter with another value.</summary>
    public static S3Error HeaderQueryConflict(string name) => new(S3ErrorCode.InvalidRequest,
        $"The header '{name}' and the query parameter of the same name have different values.");

    /// <summary>[2ND/UNCONFIRMED] header credential date ≠ x-amz-date (MinIO/S3 clone text).</summary>
    public static S3Error HeaderCredentialDateMismatch() =>
        HeaderMalformed("Invalid credential date. Date is not the same as X-Amz-Date.");

    /// <summary>[2ND] SigV2 "Authorization: AWS ..." without "AKID:signature".</summary>
    public static S3Error SigV2HeaderMalformed(string authorizationHeader) => new(S3ErrorCode.InvalidArgument,
        "AWS authorization header is invalid.  Expected AwsAccessKeyId:signature",
        ("ArgumentName", "Authorization"), ("ArgumentValue", authorizationHeader));

    /// <summary>[2ND/UNCONFIRMED] SigV2 query Expires that is not epoch seconds.</summary>
    public static S3Error SigV2ExpiresInvalid(string value) => new(S3ErrorCode.AccessDenied,
        $"Invalid date (should be seconds since epoch): {value}");

    public static string IsoSeconds(DateTimeOffset t) =>
        t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>[WIRE] every UTF-8 byte as two lower-case hex digits, single spaces between.</summary>
    public static string HexBytes(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        if (bytes.Length == 0) return "";
        var chars = new char[bytes.Length * 3 - 1];
        const string hex = "0123456789abcdef";
        for (int i = 0, c = 0; i < bytes.Length; i++)
        {
            if (i > 0) chars[c++] = ' ';
            chars[c++] = hex[bytes[i] >> 4];
            chars[c++] = hex[bytes[i] & 0xF];
        }
        return new string(chars);
    }
}
