using FakeS3.Storage;

namespace FakeS3.Tests.Http;

/// <summary>
/// When a large upload yields to other requests (<see cref="UploadPacer"/>): only while others are being answered
/// and the cores are busy, never when it is alone, never when turned off, and never longer than its bound.
/// </summary>
public sealed class UploadPacerTests
{
    static readonly TimeSpan Took = TimeSpan.FromMilliseconds(20);

    [Fact]
    public void AnUploadAlone_NeverPauses_EvenOnBusyCores()
    {
        var pacer = new UploadPacer(enabled: true, coresShort: () => true);
        Assert.True(pacer.PaceAsync(Took).IsCompleted);
    }

    [Fact]
    public async Task AnUploadBesideOtherRequests_PausesOnlyWhileTheCoresAreBusy_ForABoundedTime()
    {
        var busy = false;
        var pacer = new UploadPacer(enabled: true, coresShort: () => busy);
        pacer.Answered();
        Assert.True(pacer.PaceAsync(Took).IsCompleted);

        busy = true;
        pacer.Answered();
        var pause = pacer.PaceAsync(TimeSpan.FromHours(1));
        Assert.False(pause.IsCompleted);
        await pause.WaitAsync(TimeSpan.FromSeconds(10)); // bounded, whatever the store's time

        await Task.Delay(100); // nothing answered since: the others are gone
        Assert.True(pacer.PaceAsync(Took).IsCompleted);
    }

    [Fact]
    public async Task APause_IsTwiceTheMiBsTime_PerLargeUploadUnderWay()
    {
        var pacer = new UploadPacer(enabled: true, coresShort: () => true);
        pacer.UploadStarted();
        pacer.UploadStarted();
        pacer.Answered();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await pacer.PaceAsync(Took); // 2 x 2 x 20 ms
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(75), $"paused {watch.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public void TurnedOff_NeverPauses()
    {
        var pacer = new UploadPacer(enabled: false, coresShort: () => true);
        pacer.Answered();
        Assert.True(pacer.PaceAsync(Took).IsCompleted);
    }
}
