namespace FakeS3.Conformance.Tests.RealClients;

public sealed class Boto3FlowTests
{
    [Fact]
    public Task Boto3_presign_post_policy_checksums_and_multipart_work_against_FakeS3() =>
        ClientScript.RunAgainstFakeS3Async("python3", ["boto3_flows.py"], ClientScript.ClientsDirectory, TimeSpan.FromMinutes(3));
}
