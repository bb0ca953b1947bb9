using System.Text.Json;
using System.Text.Json.Serialization;

namespace FakeS3.Load.Reporting;

/// <summary>The machine-readable report (load/compare.sh and CI read it).</summary>
public static class JsonReportWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Render(LoadReport report) => JsonSerializer.Serialize(report, Options);

    public static LoadReport? Parse(string json) => JsonSerializer.Deserialize<LoadReport>(json, Options);

    /// <summary>Writes &lt;scenario&gt;.json and &lt;scenario&gt;.md; returns both paths.</summary>
    public static (string Json, string Markdown) WriteFiles(LoadReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var json = Path.Combine(directory, report.Scenario + ".json");
        var md = Path.Combine(directory, report.Scenario + ".md");
        File.WriteAllText(json, Render(report));
        File.WriteAllText(md, MarkdownReportWriter.Render(report));
        return (json, md);
    }
}
