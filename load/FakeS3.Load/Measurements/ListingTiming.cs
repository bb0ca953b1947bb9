namespace FakeS3.Load.Measurements;

/// <summary>One listing API walked end to end, page by page, plus its delimiter listing.</summary>
public sealed record ListingTiming(string Listing, long Items, int Pages, double TotalSeconds, double FirstPageMs, double LastPageMs,
    double? DelimiterMs, int? CommonPrefixes)
{
    public double ItemsPerSecond => TotalSeconds > 0 ? Items / TotalSeconds : 0;

    /// <summary>
    /// Last page / first page, each the median of up to three pages at that end (one page is noise), never
    /// sharing a page between the two ends.
    /// </summary>
    public double LastToFirst => FirstPageMs > 0 ? LastPageMs / FirstPageMs : 0;

    public static ListingTiming From(string listing, long items, IReadOnlyList<double> pageMs, double? delimiterMs, int? prefixes)
    {
        var end = Math.Max(1, Math.Min(3, pageMs.Count / 2));
        return new(listing, items, pageMs.Count, pageMs.Sum() / 1000, MedianOf(pageMs.Take(end)), MedianOf(pageMs.TakeLast(end)), delimiterMs, prefixes);
    }

    public static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }
}
