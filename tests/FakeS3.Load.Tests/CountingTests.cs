using FakeS3.Load.Reporting;
using FakeS3.Load.Stats;
using FakeS3.Load.Tests.Testing;

namespace FakeS3.Load.Tests;

/// <summary>The report's numbers are the requests the runner sent, as seen by the server.</summary>
public sealed class CountingTests
{
    [Fact]
    public async Task PresignedPut_AgainstOkStub_CountsMatchWhatTheServerSaw()
    {
        await using var stub = await StubS3Server.StartAsync();

        var (exit, report, output) = await Runner.RunAsync(stub.Endpoint, "presigned-put", "--requests", "150", "--concurrency", "4");

        Assert.True(exit == LoadApp.ExitPassed, output);
        Assert.NotNull(report);
        Assert.Equal(150, report.Requests);
        Assert.Equal(150, report.Succeeded);
        Assert.Equal(0, report.Failed);
        Assert.Equal(report.Requests, report.Ok + report.RejectedAsExpected + report.FailedRequests + report.Corrupted + report.AcceptedButMustBeRejected);
        Assert.Equal(150, stub.CountKeys("PUT", "/put/"));
        Assert.Equal(150 * 4096L, report.BytesSent);
        Assert.Empty(report.Errors);
        Assert.Equal(8, report.Integrity.Checked);
        Assert.Equal(0, report.Integrity.Corrupted);
        Assert.True(report.Verdict.Passed);
    }

    [Fact]
    public async Task DurationMode_InFlightRequestsAreFinishedAndCounted()
    {
        await using var stub = await StubS3Server.StartAsync();

        var (exit, report, output) = await Runner.RunAsync(stub.Endpoint, "post-policy", "--duration", "1s", "--concurrency", "8");

        Assert.True(exit == LoadApp.ExitPassed, output);
        Assert.NotNull(report);
        Assert.True(report.Requests > 0);
        Assert.Equal(stub.CountKeys("POST", "/post/"), report.Requests);
        Assert.Equal(report.Requests, report.Succeeded + report.Failed);
        Assert.Equal(report.Requests, report.LatencyMs.Count);
    }

    [Fact]
    public async Task TargetRate_PacesRequests()
    {
        await using var stub = await StubS3Server.StartAsync();

        var (exit, report, output) = await Runner.RunAsync(stub.Endpoint, "presigned-put", "--rate", "100", "--duration", "1s", "--concurrency", "4");

        Assert.True(exit == LoadApp.ExitPassed, output);
        Assert.InRange(report!.Requests, 50, 100);
        Assert.Equal(report.Requests, stub.CountKeys("PUT", "/put/"));
    }

    [Fact]
    public async Task PresignedGet_AgainstStoringStub_ComparesEveryByte()
    {
        await using var stub = await StubS3Server.StartAsync();

        var (exit, report, output) = await Runner.RunAsync(stub.Endpoint, "presigned-get", "--requests", "100", "--concurrency", "4");

        Assert.True(exit == LoadApp.ExitPassed, output);
        Assert.Equal(100, report!.Succeeded);
        Assert.Equal(100 * 4096L, report.BytesReceived);
        Assert.Equal(100, stub.Count("GET"));
    }

    [Fact]
    public async Task PresignedGet_CorruptingStub_FailsTheVerdict()
    {
        await using var stub = await StubS3Server.StartAsync(() => new StubS3Server { CorruptReads = true });

        var (exit, report, _) = await Runner.RunAsync(stub.Endpoint, "presigned-get", "--requests", "40", "--concurrency", "2");

        Assert.Equal(LoadApp.ExitVerdictFailed, exit);
        Assert.Equal(40, report!.Corrupted);
        Assert.Equal(40, report.Failed);
        Assert.Equal(new StatusCount(200, "DataCorrupted", 40), Assert.Single(report.Errors));
        Assert.False(report.Verdict.Passed);
    }

    [Fact]
    public async Task FailingStub_ErrorsAreReportedByStatusAndS3Code()
    {
        (int Status, string Code)[] answers = [(503, "SlowDown"), (500, "InternalError"), (403, "AccessDenied"), (200, "")];
        var served = new System.Collections.Concurrent.ConcurrentDictionary<(int, string), int>();
        await using var stub = await StubS3Server.StartAsync(() => new StubS3Server
        {
            Respond = async (context, n) =>
            {
                if (!HttpMethods.IsPut(context.Request.Method)) return false; // read-back GETs succeed
                var (status, code) = answers[n % answers.Length];
                served.AddOrUpdate((status, code), 1, (_, c) => c + 1);
                if (status == 200) return false;
                await StubS3Server.WriteErrorAsync(context, status, code);
                return true;
            },
        });

        var (exit, report, output) = await Runner.RunAsync(stub.Endpoint, "presigned-put", "--requests", "200", "--concurrency", "4");

        Assert.True(exit == LoadApp.ExitPassed, output); // plain failures only fail the run with --fail-on-error
        Assert.NotNull(report);
        Assert.Equal(200, report.Requests);
        Assert.Equal(served[(200, "")], report.Succeeded);
        Assert.Equal(200 - served[(200, "")], report.Failed);
        Assert.Equal(report.Failed, report.Errors.Sum(e => e.Count));
        foreach (var (status, code) in answers.Where(a => a.Status != 200))
            Assert.Contains(new StatusCount(status, code, served[(status, code)]), report.Errors);
    }

    [Fact]
    public async Task FailOnError_WithFailures_ExitsNonZero()
    {
        await using var stub = await StubS3Server.StartAsync(() => new StubS3Server
        {
            Respond = async (context, _) =>
            {
                await StubS3Server.WriteErrorAsync(context, 503, "SlowDown");
                return true;
            },
        });

        var (exit, report, _) = await Runner.RunAsync(stub.Endpoint, "presigned-put", "--requests", "20", "--concurrency", "2", "--fail-on-error");

        Assert.Equal(LoadApp.ExitVerdictFailed, exit);
        Assert.Equal(new StatusCount(503, "SlowDown", 20), Assert.Single(report!.Errors));
    }

    [Fact]
    public async Task UnreachableEndpoint_SetupFails()
    {
        var (exit, report, _) = await Runner.RunAsync(new Uri("http://127.0.0.1:1"), "presigned-get", "--requests", "5");

        Assert.Equal(LoadApp.ExitSetupFailed, exit);
        Assert.Null(report);
    }
}
