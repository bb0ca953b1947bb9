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
    /// The canonical user of Amazon EC2's AMI retrieval that aws-exec-read grants READ, as S3 renders it [2ND: the same
    /// ID and DisplayName "za-team" in several public ACL tools and S3 emulators' fixtures].
    /// </summary>
    public const string Ec2ExecReadId = "6aa5a366c34c1cbe25dc49211496e913e0351eb0e8c37aa3477e40942ec6b97c";

    public const string Ec2ExecReadDisplayName = "za-team";

    /// <summary>
    /// The grants a canned ACL stands for, in S3's order: the owner's FULL_CONTROL first, then the others
    /// [DOC acl-overview#canned-acl; order: 2ND LocalStack's snapshot-validated get_canned_acl].
    /// bucket-owner-read and bucket-owner-full-control add a grant to the bucket owner, who with one account is the
    /// object owner: one FULL_CONTROL grant, as S3 renders every object of a bucket-owner-enforced bucket
    /// ("bucket-owner-full-control" with the bucket owner as owner, GetObjectAcl doc). For bucket-owner-read that the
    /// owner's READ folds into its FULL_CONTROL is UNCONFIRMED (docs/decisions.md; conformance canned-acl-*). On a
    /// bucket S3 ignores both [DOC], which renders the same.
    /// </summary>
    internal static IReadOnlyList<(AclGrantee Grantee, string Permission)> Grants(string acl) => acl switch
    {
        "public-read" => [(AclGrantee.Owner, "FULL_CONTROL"), (AclGrantee.Group(AllUsers), "READ")],
        "public-read-write" => [(AclGrantee.Owner, "FULL_CONTROL"), (AclGrantee.Group(AllUsers), "READ"), (AclGrantee.Group(AllUsers), "WRITE")],
        "authenticated-read" => [(AclGrantee.Owner, "FULL_CONTROL"), (AclGrantee.Group(AuthenticatedUsers), "READ")],
        "log-delivery-write" => [(AclGrantee.Owner, "FULL_CONTROL"), (AclGrantee.Group(LogDelivery), "READ_ACP"), (AclGrantee.Group(LogDelivery), "WRITE")],
        "aws-exec-read" => [(AclGrantee.Owner, "FULL_CONTROL"), (new AclGrantee(null, Ec2ExecReadId, Ec2ExecReadDisplayName), "READ")],
        _ => [(AclGrantee.Owner, "FULL_CONTROL")],
    };

    public static string FromHeader(string? value)
    {
        if (value is null) return "private";
        if (!Known.Contains(value)) throw new S3Exception(S3Errors.InvalidArgument("", "x-amz-acl", value));
        return value;
    }
}
