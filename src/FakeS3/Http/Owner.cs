namespace FakeS3.Http;

/// <summary>The single account that owns everything in FakeS3.</summary>
internal static class Owner
{
    public const string Id = "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a";
    public const string DisplayName = "fakes3";
}
