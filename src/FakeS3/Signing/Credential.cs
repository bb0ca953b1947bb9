namespace FakeS3.Signing;

/// <summary>An access key pair; SessionToken set means requests must present that token.</summary>
internal sealed record Credential(string AccessKeyId, string SecretAccessKey, string? SessionToken)
{
    public override string ToString() => $"Credential {{ AccessKeyId = {AccessKeyId} }}";
}
