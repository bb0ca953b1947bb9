using FakeS3.Conformance.Scenarios;

namespace FakeS3.Conformance;

/// <summary>The one list every runner and test project iterates over.</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<Scenario> All { get; } =
    [
        .. SeedArticle.All(), .. PresignedGet.All(), .. PresignedPut.All(), .. HeaderAuth.All(), .. PayloadIntegrity.All(),
        .. ChunkedUpload.All(), .. PostPolicy.All(), .. Cors.All(), .. HostHeaderTrap.All(), .. ObjectOperations.All(), .. ErrorShape.All(),
        .. MultipartUploads.All(),
    ];

    public static IEnumerable<string> Areas => All.Select(s => s.Area).Distinct();

    public static IEnumerable<Scenario> ByArea(string area) => All.Where(s => s.Area == area);

    /// <summary>Case-insensitive substring match on area or name; null/empty selects everything.</summary>
    public static IEnumerable<Scenario> Filter(string? text) => string.IsNullOrEmpty(text)
        ? All
        : All.Where(s => s.Name.Contains(text, StringComparison.OrdinalIgnoreCase) || s.Area.Contains(text, StringComparison.OrdinalIgnoreCase));

    public static Scenario Find(string name) => All.Single(s => s.Name == name);
}
