namespace FakeS3.Conformance.Tests.RealClients;

public sealed class S3cmdFlowTests
{
    [Fact]
    public Task S3cmd_with_SigV4_and_SigV2_puts_lists_gets_copies_and_deletes_against_FakeS3() =>
        ClientScript.RunAgainstFakeS3Async("bash", ["s3cmd_flows.sh"], ClientScript.ClientsDirectory, TimeSpan.FromMinutes(3));
}
