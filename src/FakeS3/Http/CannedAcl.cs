using FakeS3.Errors;

namespace FakeS3.Http;

/// <summary>Canned ACLs accepted on x-amz-acl and the POST acl field.</summary>
internal static class CannedAcl
{
    public static readonly string[] Known =
        ["private", "public-read", "public-read-write", "authenticated-read", "aws-exec-read", "bucket-owner-read", "bucket-owner-full-control", "log-delivery-write"];

    public const string AllUsers = "http://acs.amazonaws.com/groups/global/AllUsers";
    public const string AuthenticatedUsers = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
    public const string LogDelivery = "http://acs.amazonaws.com/groups/s3/LogDelivery";

    /// <summary>
    /// The grants a canned ACL stands for, in S3's order: the owner's FULL_CONTROL first (Group null = the owner),
    /// then the group grants [DOC acl-overview#canned-acl; order: 2ND LocalStack's snapshot-validated get_canned_acl].
    /// With one account the bucket owner is the object owner, so bucket-owner-* and aws-exec-read add nothing.
    /// </summary>
    public static IReadOnlyList<(string? Group, string Permission)> Grants(string acl) => acl switch
    {
        "public-read" => [(null, "FULL_CONTROL"), (AllUsers, "READ")],
        "public-read-write" => [(null, "FULL_CONTROL"), (AllUsers, "READ"), (AllUsers, "WRITE")],
        "authenticated-read" => [(null, "FULL_CONTROL"), (AuthenticatedUsers, "READ")],
        "log-delivery-write" => [(null, "FULL_CONTROL"), (LogDelivery, "READ_ACP"), (LogDelivery, "WRITE")],
        _ => [(null, "FULL_CONTROL")],
    };

    public static string FromHeader(string? value)
    {
        if (value is null) return "private";
        if (!Known.Contains(value)) throw new S3Exception(S3Errors.InvalidArgument("", "x-amz-acl", value));
        return value;
    }
}
