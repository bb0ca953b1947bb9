namespace FakeS3.Conformance;

public static class ConformanceProgram
{
    public static Task<int> Main(string[] args) => Cli.MainAsync(args);
}
