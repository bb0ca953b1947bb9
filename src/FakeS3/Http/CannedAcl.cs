using FakeS3.Errors;

namespace FakeS3.Http;

/// <summary>Canned ACLs accepted on x-amz-acl and the POST acl field.</summary>
internal static class CannedAcl
{
    public static readonly string[] Known =
        ["private", "public-read", "public-read-write", "authenticated-read", "aws-exec-read", "bucket-owner-read", "bucket-owner-full-control", "log-delivery-write"];

    public static string FromHeader(string? value)
    {
        if (value is null) return "private";
        if (!Known.Contains(value)) throw new S3Exception(S3Errors.InvalidArgument("", "x-amz-acl", value));
        return value;
    }
}
