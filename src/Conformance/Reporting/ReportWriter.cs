namespace FakeS3.Conformance.Reporting;

public static class ReportWriter
{
    /// <summary>Writes {target}.md and {target}.junit.xml into <paramref name="directory"/>; returns the paths.</summary>
    public static IReadOnlyList<string> Write(RunReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var md = Path.Combine(directory, $"{report.Target.Name}.md");
        var junit = Path.Combine(directory, $"{report.Target.Name}.junit.xml");
        File.WriteAllText(md, MarkdownReport.Render(report));
        using (var writer = System.Xml.XmlWriter.Create(junit, new System.Xml.XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Indent = true }))
            JUnitReport.Render(report).Save(writer);
        return [md, junit];
    }

    public static string WriteComparison(RunReport left, RunReport right, string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"compare-{left.Target.Name}-vs-{right.Target.Name}.md");
        File.WriteAllText(path, Comparison.Render(left, right));
        return path;
    }
}
