using FakeS3.Conformance.Tests.Hosting;

namespace FakeS3.Conformance.Tests;

/// <summary>FakeS3 on in-process Kestrel with its run bucket, shared by every scenario of the theory.</summary>
public class FakeS3CatalogFixture : IAsyncLifetime
{
    KestrelHost? _host;

    public ScenarioContext Context { get; private set; } = null!;

    protected virtual async Task<S3Target> StartAsync()
    {
        _host = await KestrelHost.StartFakeS3Async();
        return S3Target.Endpoint("fakes3", _host.Url, "fakes3", "fakes3secret");
    }

    protected void Own(KestrelHost host) => _host = host;

    public async Task InitializeAsync()
    {
        var target = await StartAsync();
        Context = new ScenarioContext(target, ScenarioRunner.NewBucketName(target.BucketPrefix));
        await Context.S3.PutBucketAsync(Context.Bucket);
    }

    public async Task DisposeAsync()
    {
        await Context.CleanupAsync();
        await ScenarioContext.DeleteBucketAsync(Context.S3, Context.Bucket, CancellationToken.None);
        Context.Dispose();
        if (_host is not null) await _host.DisposeAsync();
    }
}

/// <summary>The whole catalogue against FakeS3 on real Kestrel: every scenario must behave as real S3 does.</summary>
public sealed class FakeS3ConformanceTests(FakeS3CatalogFixture fixture) : IClassFixture<FakeS3CatalogFixture>
{
    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var s in ScenarioCatalog.All) data.Add(s.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario_behaves_as_real_S3(string name)
    {
        var result = await ScenarioRunner.RunOneAsync(fixture.Context, ScenarioCatalog.Find(name));
        Assert.True(result.Verdict == Verdict.Passed, Describe(result));
    }

    internal static string Describe(ScenarioResult r) =>
        $"{r.Verdict}: [{r.Scenario.Area}] {r.Scenario.Name} {r.Scenario.Evidence}\n  expected: {r.Scenario.Expected}\n  actual:   {r.Actual?.ToString() ?? r.Error}\n  - {string.Join("\n  - ", r.Differences)}";
}

/// <summary>The same FakeS3 app behind TestServer (in-memory transport).</summary>
public sealed class FakeS3TestServerFixture : FakeS3CatalogFixture
{
    protected override async Task<S3Target> StartAsync()
    {
        var (host, handler) = await KestrelHost.StartFakeS3TestServerAsync();
        Own(host);
        return S3Target.Endpoint("fakes3-testserver", host.Url, "fakes3", "fakes3secret") with { HttpHandlerFactory = handler };
    }
}

/// <summary>The whole catalogue against FakeS3 hosted by TestServer (no sockets).</summary>
public sealed class FakeS3TestServerConformanceTests(FakeS3TestServerFixture fixture) : IClassFixture<FakeS3TestServerFixture>
{
    public static TheoryData<string> Scenarios() => FakeS3ConformanceTests.Scenarios();

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario_behaves_as_real_S3(string name)
    {
        var result = await ScenarioRunner.RunOneAsync(fixture.Context, ScenarioCatalog.Find(name));
        Assert.True(result.Verdict == Verdict.Passed, FakeS3ConformanceTests.Describe(result));
    }
}
