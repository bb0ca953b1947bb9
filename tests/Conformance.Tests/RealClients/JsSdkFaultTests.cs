namespace FakeS3.Conformance.Tests.RealClients;

/// <summary>The JS SDK v3 (default retries) against fault rules it adds itself through the admin API.</summary>
public sealed class JsSdkFaultTests
{
    [Fact]
    public Task Js_sdk_v3_retries_SlowDown_gives_up_with_the_code_and_never_takes_a_cut_body_as_success()
    {
        var dir = Path.Combine(ClientScript.ClientsDirectory, "js");
        Assert.True(Directory.Exists(Path.Combine(dir, "node_modules", "@aws-sdk", "client-s3")),
            $"JS SDK not installed: run tests/clients/js/setup.sh (npm install in {dir}); .ci/run does this before the tests.");
        return ClientScript.RunAgainstFakeS3Async("node", ["faults.mjs"], dir, TimeSpan.FromMinutes(2));
    }
}
