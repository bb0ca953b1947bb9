using Microsoft.Extensions.DependencyInjection;
using FakeS3.Clock;
using Microsoft.Extensions.Time.Testing;

namespace FakeS3.Tests.Harness;

public class FakeS3ClockTests
{
    static readonly DateTimeOffset T0 = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Default_FollowsRealTime()
    {
        var real = new FakeTimeProvider(T0);
        var clock = new FakeS3Clock(real);
        real.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(T0.AddSeconds(5), clock.GetUtcNow());
        Assert.Equal(FakeS3ClockMode.Real, clock.Mode);
    }

    [Fact]
    public void Advance_KeepsTicking()
    {
        var real = new FakeTimeProvider(T0);
        var clock = new FakeS3Clock(real);
        clock.Advance(TimeSpan.FromHours(1));
        real.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(T0.AddHours(1).AddSeconds(1), clock.GetUtcNow());
        Assert.Equal(FakeS3ClockMode.Offset, clock.Mode);
        Assert.Equal(TimeSpan.FromHours(1), clock.Drift);
    }

    [Fact]
    public void Set_Freezes_AdvanceMovesFrozenTime_ResetReturnsToReal()
    {
        var real = new FakeTimeProvider(T0);
        var clock = new FakeS3Clock(real);
        clock.Set(T0.AddDays(1));
        real.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(T0.AddDays(1), clock.GetUtcNow());
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(T0.AddDays(1).AddSeconds(10), clock.GetUtcNow());
        Assert.Equal(FakeS3ClockMode.Frozen, clock.Mode);
        clock.Reset();
        Assert.Equal(real.GetUtcNow(), clock.GetUtcNow());
        Assert.Equal(FakeS3ClockMode.Real, clock.Mode);
    }

    [Fact]
    public void Advance_Concurrent_AllCount()
    {
        var clock = new FakeS3Clock(new FakeTimeProvider(T0));
        clock.Set(T0);
        Parallel.For(0, 1000, _ => clock.Advance(TimeSpan.FromSeconds(1)));
        Assert.Equal(T0.AddSeconds(1000), clock.GetUtcNow());
    }

    [Fact]
    public async Task AddFakeS3_RegistersTheClockAsTimeProvider()
    {
        await using var host = await FakeS3.Testing.FakeS3Host.StartAsync();
        Assert.Same(host.Clock, host.Services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public async Task AddFakeS3_KeepsAHostSuppliedTimeProvider_AndTheClockApiSays409()
    {
        var fake = new FakeTimeProvider(T0);
        // configureServices runs after AddFakeS3, so replace rather than add first (what a WebApplicationFactory does).
        await using var host = await FakeS3.Testing.FakeS3Host.StartAsync(configureServices: s => s.AddSingleton<TimeProvider>(fake));
        Assert.Same(fake, host.Services.GetRequiredService<TimeProvider>());
        var response = await host.HttpClient.GetAsync("/_fakes3/clock");
        Assert.Equal(System.Net.HttpStatusCode.Conflict, response.StatusCode);
    }
}
