using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Http;

/// <summary>
/// The canned ACLs that name principals other than groups, as GetObjectAcl/GetBucketAcl render them through AWSSDK.S3:
/// aws-exec-read adds EC2's canonical user (za-team) with READ; bucket-owner-* name the bucket owner, who is the object
/// owner with one account (one FULL_CONTROL grant).
/// </summary>
public sealed class CannedAclGrantTests
{
    const string Ec2Id = "6aa5a366c34c1cbe25dc49211496e913e0351eb0e8c37aa3477e40942ec6b97c";

    static string[] Render(IEnumerable<S3Grant> grants) =>
        grants.Select(g => $"{g.Grantee.Type?.Value}|{g.Grantee.URI ?? g.Grantee.CanonicalUser}|{g.Grantee.DisplayName}|{g.Permission?.Value}").ToArray();

    [Theory]
    [InlineData("aws-exec-read", true)]
    [InlineData("bucket-owner-read", false)]
    [InlineData("bucket-owner-full-control", false)]
    public async Task Sdk_ObjectAndBucketCannedAcl_RenderS3sGrantList(string acl, bool ec2Read)
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync(new PutBucketRequest { BucketName = "acls", CannedACL = new S3CannedACL(acl) });
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "acls", Key = "o", ContentBody = "x", CannedACL = new S3CannedACL(acl) });

        var objectAcl = await client.GetObjectAclAsync(new GetObjectAclRequest { BucketName = "acls", Key = "o" });
        var owner = $"CanonicalUser|{objectAcl.Owner.Id}|{objectAcl.Owner.DisplayName}|FULL_CONTROL";
        string[] expected = ec2Read ? [owner, $"CanonicalUser|{Ec2Id}|za-team|READ"] : [owner];
        Assert.Equal(expected, Render(objectAcl.Grants));
        var bucketAcl = await client.GetBucketAclAsync(new GetBucketAclRequest { BucketName = "acls" });
        Assert.Equal(expected, Render(bucketAcl.Grants));
    }

    [Fact]
    public async Task Sdk_PutObjectAcl_WithTheRenderedAwsExecReadPolicy_RoundTrips()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("acls");
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "acls", Key = "o", ContentBody = "x", CannedACL = S3CannedACL.AWSExecRead });
        var rendered = await client.GetObjectAclAsync(new GetObjectAclRequest { BucketName = "acls", Key = "o" });
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "acls", Key = "p", ContentBody = "x" });
        await client.PutObjectAclAsync(new PutObjectAclRequest { BucketName = "acls", Key = "p", AccessControlPolicy = new S3AccessControlList { Owner = rendered.Owner, Grants = rendered.Grants } });
        var again = await client.GetObjectAclAsync(new GetObjectAclRequest { BucketName = "acls", Key = "p" });
        Assert.Equal(Render(rendered.Grants), Render(again.Grants));
        Assert.Contains($"CanonicalUser|{Ec2Id}|za-team|READ", Render(again.Grants));
    }
}
