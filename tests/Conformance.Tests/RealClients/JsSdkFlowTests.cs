namespace FakeS3.Conformance.Tests.RealClients;

public sealed class JsSdkFlowTests
{
    [Fact]
    public Task Js_sdk_v3_presign_post_policy_aws_chunked_and_multipart_work_against_FakeS3() => RunAsync("flows.mjs");

    [Fact]
    public Task Js_sdk_v3_multipart_checksums_validate_on_download() => RunAsync("multipart_checksums.mjs");

    static Task RunAsync(string script)
    {
        var dir = Path.Combine(ClientScript.ClientsDirectory, "js");
        Assert.True(Directory.Exists(Path.Combine(dir, "node_modules", "@aws-sdk", "client-s3")),
            $"JS SDK not installed: run tests/clients/js/setup.sh (npm install in {dir}); .ci/run does this before the tests.");
        return ClientScript.RunAgainstFakeS3Async("node", [script], dir, TimeSpan.FromMinutes(3));
    }
}
