namespace FakeS3.Http;

/// <summary>Who a canned ACL grant names: the owner, a group (GroupUri) or another canonical user (Id, DisplayName).</summary>
internal sealed record AclGrantee(string? GroupUri, string? Id, string? DisplayName)
{
    public static readonly AclGrantee Owner = new(null, null, null);

    public static AclGrantee Group(string uri) => new(uri, null, null);
}
