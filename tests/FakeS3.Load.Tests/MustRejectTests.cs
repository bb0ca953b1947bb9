using FakeS3.Load.Scenarios;
using FakeS3.Load.Tests.Testing;

namespace FakeS3.Load.Tests;

public sealed class MustRejectTests
{
    [Fact]
    public async Task AcceptEverythingStub_EveryRequestIsAViolation_AndTheRunFails()
    {
        await using var stub = await StubS3Server.StartAsync();

        var (exit, report, _) = await Runner.RunAsync(stub.Endpoint, "must-reject", "--requests", "70", "--concurrency", "4");

        Assert.Equal(LoadApp.ExitVerdictFailed, exit);
        Assert.NotNull(report);
        Assert.Equal(70, report.Requests);
        Assert.Equal(70, report.AcceptedButMustBeRejected);
        Assert.Equal(70, report.Errors.Sum(e => e.Count));
        Assert.Equal(MustRejectScenario.Kinds.Length, report.Operations.Count);
        Assert.All(report.Operations, o => Assert.Equal(10, o.Count));
        Assert.False(report.Verdict.Passed);
    }

    [Fact]
    public async Task RejectingStub_RefusalsAreSuccesses_ListedByCode()
    {
        // Accept only the setup uploads of seed objects; refuse everything else the way S3 does.
        await using var stub = await StubS3Server.StartAsync(() => new StubS3Server
        {
            Respond = async (context, _) =>
            {
                bool setup = HttpMethods.IsPut(context.Request.Method) && context.Request.Path.Value!.Contains("/seed/", StringComparison.Ordinal);
                if (setup) return false;
                bool post = HttpMethods.IsPost(context.Request.Method);
                await StubS3Server.WriteErrorAsync(context, post ? 400 : 403, post ? "EntityTooLarge" : "SignatureDoesNotMatch");
                return true;
            },
        });

        var (exit, report, output) = await Runner.RunAsync(stub.Endpoint, "must-reject", "--requests", "35", "--concurrency", "4");

        Assert.True(exit == LoadApp.ExitPassed, output);
        Assert.Equal(35, report!.RejectedAsExpected);
        Assert.Equal(35, report.Succeeded);
        Assert.Empty(report.Errors);
        Assert.Equal(20, report.Rejections.Single(r => r.Code == "SignatureDoesNotMatch").Count);
        Assert.Equal(15, report.Rejections.Single(r => r.Code == "EntityTooLarge").Count);
    }

    [Fact]
    public async Task ServerErrors_AreErrorsNotRejections()
    {
        await using var stub = await StubS3Server.StartAsync(() => new StubS3Server
        {
            Respond = async (context, _) =>
            {
                if (context.Request.Path.Value!.Contains("/seed/", StringComparison.Ordinal) && HttpMethods.IsPut(context.Request.Method)) return false;
                await StubS3Server.WriteErrorAsync(context, 500, "InternalError");
                return true;
            },
        });

        var (_, report, _) = await Runner.RunAsync(stub.Endpoint, "must-reject", "--requests", "14", "--concurrency", "2");

        Assert.Equal(0, report!.RejectedAsExpected);
        Assert.Equal(14, report.FailedRequests);
        Assert.Equal(new Stats.StatusCount(500, "InternalError", 14), Assert.Single(report.Errors));
    }
}
