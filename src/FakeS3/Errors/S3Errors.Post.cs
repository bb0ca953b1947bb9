namespace FakeS3.Errors;

/// <summary>Factories for browser POST Object errors (spec §3.6). Each holds S3's exact text.</summary>
internal static partial class S3Errors
{
    const string PolicyPrefix = "Invalid Policy: ";
    const string AccordingToPolicy = "Invalid according to Policy: ";

    /// <summary>[REC] 412, not AWS's documented RequestIsNotMultiPartContent.</summary>
    public static S3Error PostNotMultipart() => PreconditionFailed("Bucket POST must be of the enclosure-type multipart/form-data");

    /// <summary>[2ND] missing boundary, garbled or truncated multipart body.</summary>
    public static S3Error MalformedPostRequest() => new(S3ErrorCode.MalformedPOSTRequest,
        "The body of your POST request is not well-formed multipart/form-data.");

    /// <summary>[WIRE] "preceeding" is S3's spelling.</summary>
    public static S3Error MaxPostPreDataLengthExceeded() => new(S3ErrorCode.MaxPostPreDataLengthExceeded,
        "Your POST request fields preceeding the upload file was too large.", ("MaxPostPreDataLengthBytes", "20480"));

    /// <summary>[WIRE][REC] two spaces after the first sentence; canonicalName e.g. key, X-Amz-Signature, Policy.</summary>
    public static S3Error PostMissingField(string canonicalName) => InvalidArgument(
        $"Bucket POST must contain a field named '{canonicalName}'.  If it is specified, please check the order of the fields.",
        canonicalName, "");

    /// <summary>[WIRE] zero or two file parts; ArgumentValue is "0" in both captures.</summary>
    public static S3Error PostFileCount() => InvalidArgument("POST requires exactly one file upload per request.", "file", "0");

    /// <summary>[WIRE] no "Error parsing" prefix, unlike the query form.</summary>
    public static S3Error PostCredentialWrongRegion(string credential, string given, string expected) => new(
        S3ErrorCode.InvalidArgument, $"the region '{given}' is wrong; expecting '{expected}'",
        ("ArgumentName", "X-Amz-Credential"), ("ArgumentValue", credential), ("Region", expected));

    /// <summary>[DERIVED] the credential parser's reasons, as versitygw sends them for POST (no prefix).</summary>
    public static S3Error PostCredentialInvalid(string credential, string reason) =>
        InvalidArgument(reason, "X-Amz-Credential", credential);

    /// <summary>[2ND] message; the ArgumentName/Value pair is [DERIVED] from the region row.</summary>
    public static S3Error PostEmptyAccessKey(string credential) =>
        PostCredentialInvalid(credential, "a non-empty Access Key (AKID) must be provided in the credential.");

    /// <summary>[2ND] "formated" is S3's spelling; ArgumentValue [DERIVED] (InvalidArgument always pairs them).</summary>
    public static S3Error PostDateMalformed(string value) =>
        InvalidArgument("X-Amz-Date must be formated via ISO8601 Long format", "X-Amz-Date", value);

    /// <summary>InvalidPolicyDocument with "Invalid Policy: " + reason (spec §3.6, versitygw texts where UNCONFIRMED).</summary>
    public static S3Error InvalidPolicy(string reason) => new(S3ErrorCode.InvalidPolicyDocument, PolicyPrefix + reason);

    /// <summary>[WIRE] ×2.</summary>
    public static S3Error PolicyInvalidJson() => InvalidPolicy("Invalid JSON.");

    /// <summary>[REC] via the seed article capture.</summary>
    public static S3Error PolicyExpired() => new(S3ErrorCode.AccessDenied, AccordingToPolicy + "Policy expired.");

    /// <summary>[REC] printedCondition is the §3.5 form, e.g. ["starts-with", "$key", "mytest/"].</summary>
    public static S3Error PolicyConditionFailed(string printedCondition) => new(S3ErrorCode.AccessDenied,
        AccordingToPolicy + "Policy Condition failed: " + printedCondition);

    /// <summary>[WIRE] names as sent; several joined by ", " [UNCONFIRMED].</summary>
    public static S3Error PolicyExtraInputFields(IEnumerable<string> names) => new(S3ErrorCode.AccessDenied,
        AccordingToPolicy + "Extra input fields: " + string.Join(", ", names));
}
