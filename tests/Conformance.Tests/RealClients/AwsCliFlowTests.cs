namespace FakeS3.Conformance.Tests.RealClients;

public sealed class AwsCliFlowTests
{
    [Fact]
    public Task Aws_cli_copy_multipart_checksum_and_presign_work_against_FakeS3() =>
        ClientScript.RunAgainstFakeS3Async("bash", ["cli_flows.sh"], ClientScript.ClientsDirectory, TimeSpan.FromMinutes(3));
}
