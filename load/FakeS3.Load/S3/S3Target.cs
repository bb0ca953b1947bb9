namespace FakeS3.Load.S3;

/// <summary>Any S3 endpoint: FakeS3, MinIO or AWS. Path-style addressing is used throughout.</summary>
public sealed record S3Target(Uri Endpoint, string AccessKeyId, string SecretAccessKey, string Region, string Bucket);
