using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FakeS3.Testing;

namespace FakeS3.Tests.Harness;

public class AdminClockTests
{
    [Fact]
    public async Task Get_ReturnsRealTimeByDefault()
    {
        await using var host = await FakeS3Host.StartAsync();
        var clock = await host.HttpClient.GetFromJsonAsync<JsonElement>("/_fakes3/clock");
        Assert.Equal("real", clock.GetProperty("mode").GetString());
        Assert.InRange(clock.GetProperty("now").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task PostAdvance_MovesTheInProcessClock_DeleteRestores()
    {
        await using var host = await FakeS3Host.StartAsync();
        var response = await host.HttpClient.PostAsJsonAsync("/_fakes3/clock", new { advanceSeconds = 3600 });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("offset", body.GetProperty("mode").GetString());
        Assert.InRange(body.GetProperty("driftSeconds").GetDouble(), 3599, 3601);
        Assert.InRange(host.Clock.Drift, TimeSpan.FromSeconds(3599), TimeSpan.FromSeconds(3601));

        (await host.HttpClient.DeleteAsync("/_fakes3/clock")).EnsureSuccessStatusCode();
        Assert.Equal(Clock.FakeS3ClockMode.Real, host.Clock.Mode);
    }

    [Fact]
    public async Task PostTime_FreezesAtThatInstant()
    {
        await using var host = await FakeS3Host.StartAsync();
        var t = new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero);
        (await host.HttpClient.PostAsJsonAsync("/_fakes3/clock", new { time = "2031-05-06T07:08:09Z" })).EnsureSuccessStatusCode();
        Assert.Equal(t, host.Clock.GetUtcNow());
        var clock = await host.HttpClient.GetFromJsonAsync<JsonElement>("/_fakes3/clock");
        Assert.Equal("frozen", clock.GetProperty("mode").GetString());
        Assert.Equal(t, clock.GetProperty("now").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"advanceSeconds\": 1, \"time\": \"2030-01-01T00:00:00Z\"}")]
    [InlineData("not json")]
    public async Task Post_BadBody_Is400WithAMessage(string body)
    {
        await using var host = await FakeS3Host.StartAsync();
        var response = await host.HttpClient.PostAsync("/_fakes3/clock", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()));
    }
}
