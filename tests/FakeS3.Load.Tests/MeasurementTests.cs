using FakeS3.Load.Cli;
using FakeS3.Load.Measurements;

namespace FakeS3.Load.Tests;

/// <summary>The scale and get-during-put measurements: their options and how page timings become the report.</summary>
public sealed class MeasurementTests
{
    [Fact]
    public void ScaleOptions_ParseAndPartsStayWithinS3sLimit()
    {
        var o = OptionsParser.Parse(["--scenario", "scale", "--keys", "2500", "--uploads", "7", "--parts", "20000", "--walk-limit", "30s"]);
        Assert.Equal("scale", o.Scenario);
        Assert.Equal(2500, o.Keys);
        Assert.Equal(7, o.Uploads);
        Assert.Equal(10_000, o.Parts);
        Assert.Equal(TimeSpan.FromSeconds(30), o.WalkLimit);
        Assert.Equal("get-during-put", OptionsParser.Parse(["--scenario", "get-during-put"]).Scenario);
        Assert.Throws<ArgumentException>(() => OptionsParser.Parse(["--keys", "0"]));
    }

    [Fact]
    public void PageTimings_FirstAndLastEndsNeverShareAPage()
    {
        // Two pages: one each (a median over both would make the ratio 1 whatever the pages cost).
        var two = ListingTiming.From("x", 2000, [10, 40], null, null);
        Assert.Equal(10, two.FirstPageMs);
        Assert.Equal(40, two.LastPageMs);
        Assert.Equal(4, two.LastToFirst);
        // Many pages: the median of three at each end, so one slow page does not decide the ratio.
        var many = ListingTiming.From("x", 10_000, [10, 500, 12, 20, 20, 20, 30, 31, 900, 29], 5, 100);
        Assert.Equal(12, many.FirstPageMs);
        Assert.Equal(31, many.LastPageMs);
        Assert.Equal(10_000 / 1.572, many.ItemsPerSecond, 0);
        Assert.Contains("| x | 10,000 | 10 |", new ScaleReport("e", 10_000, 0, 0, 1, [many]).Markdown());
    }

    [Fact]
    public void SeedKeys_SpreadOver100FoldersAndSortByIndexWithinOne()
    {
        Assert.Equal("scale/d07/k0000007", ScaleMeasurement.ObjectKey(7));
        Assert.Equal("scale/d07/k0000107", ScaleMeasurement.ObjectKey(107));
        Assert.Equal(100, Enumerable.Range(0, 1000).Select(i => ScaleMeasurement.ObjectKey(i)[..9]).Distinct().Count());
        Assert.Equal("mpu/u42/0000142", ScaleMeasurement.UploadKey(142));
    }
}
