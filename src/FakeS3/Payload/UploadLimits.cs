namespace FakeS3.Payload;

/// <summary>S3's limit on one request body: a PutObject or UploadPart of at most 5 GiB [DOC].</summary>
internal static class UploadLimits
{
    public const long MaxBodySize = 5L * 1024 * 1024 * 1024;
}
