namespace FakeS3.Conformance.Tests.RealClients;

/// <summary>Issue 12 with boto3: keep-alive after early rejections, SigV2 bucket operations, bucket re-create, ListBuckets pages.</summary>
public sealed class Boto3EdgeFlowTests
{
    [Fact]
    public Task Boto3_keeps_its_connection_after_rejections_and_signs_every_bucket_operation_with_SigV2() =>
        ClientScript.RunAgainstFakeS3Async("python3", ["boto3_edge_flows.py"], ClientScript.ClientsDirectory, TimeSpan.FromMinutes(3));
}
