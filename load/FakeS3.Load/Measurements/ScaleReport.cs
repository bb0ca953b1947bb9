using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FakeS3.Load.Measurements;

/// <summary>The scale measurement's table (markdown) and JSON, with issue 14's targets next to each number.</summary>
public sealed record ScaleReport(string Endpoint, long Keys, long Uploads, long Parts, double SeedSeconds, IReadOnlyList<ListingTiming> Timings)
{
    public const double TargetItemsPerSecond = 20_000, TargetLastToFirst = 1.5, TargetDelimiterMs = 200;

    public string Markdown()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"Scale: {Keys:N0} objects (1 KiB, 100 folders), {Uploads:N0} multipart uploads, one upload of {Parts:N0} parts; pages of 1,000; seeding took {SeedSeconds:0.0} s.");
        sb.AppendLine();
        sb.AppendLine("| listing | items | pages | full walk s | items/s (≥ 20,000) | first page ms | last page ms | last/first (≤ 1.5) | delimiter ms, 100 prefixes (< 200) |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var t in Timings)
        {
            var delimiter = t.DelimiterMs is { } d ? string.Create(c, $"{d:0.0} ({t.CommonPrefixes} prefixes) {Mark(d < TargetDelimiterMs)}")
                : t.CommonPrefixes == -1 ? "over the walk limit **missed**" : "—";
            sb.AppendLine(c, $"| {t.Listing} | {t.Items:N0} | {t.Pages} | {t.TotalSeconds:0.00} | {t.ItemsPerSecond:N0} {Mark(t.ItemsPerSecond >= TargetItemsPerSecond)} | " +
                             $"{t.FirstPageMs:0.0} | {t.LastPageMs:0.0} | {t.LastToFirst:0.00} {Mark(t.LastToFirst <= TargetLastToFirst)} | {delimiter} |");
        }
        return sb.ToString();
    }

    static string Mark(bool met) => met ? "met" : "**missed**";

    public string Json() => JsonSerializer.Serialize(new
    {
        endpoint = Endpoint, keys = Keys, uploads = Uploads, parts = Parts, seedSeconds = Math.Round(SeedSeconds, 1),
        listings = Timings.Select(t => new
        {
            listing = t.Listing, items = t.Items, pages = t.Pages, totalSeconds = Math.Round(t.TotalSeconds, 3),
            itemsPerSecond = Math.Round(t.ItemsPerSecond), firstPageMs = Math.Round(t.FirstPageMs, 1), lastPageMs = Math.Round(t.LastPageMs, 1),
            lastToFirst = Math.Round(t.LastToFirst, 2), delimiterMs = t.DelimiterMs is { } d ? Math.Round(d, 1) : (double?)null,
            commonPrefixes = t.CommonPrefixes,
        }),
    }, new JsonSerializerOptions { WriteIndented = true });
}
