using FakeS3.Load.Scenarios;

namespace FakeS3.Load.Cli;

/// <summary>
/// --print-presigned: one signed request on stdout, for tools that cannot sign (wrk). get/put print a URL;
/// post prints the form action on the first line, then one <c>name=value</c> line per policy field.
/// </summary>
public static class PresignedPrinter
{
    public static int Print(LoadContext ctx, string verb, LoadOptions options, TextWriter output)
    {
        var expires = DateTime.UtcNow + options.PresignExpiry;
        switch (verb)
        {
            case "get":
                output.WriteLine(ctx.Presigner.PresignGet(options.Key, expires));
                return LoadApp.ExitPassed;
            case "put":
                output.WriteLine(ctx.Presigner.PresignPut(options.Key, expires));
                return LoadApp.ExitPassed;
            case "post":
                var form = ctx.Presigner.PresignPost(options.Key, expires, Math.Max(ctx.ObjectSize, 1));
                output.WriteLine(form.Action);
                foreach (var (name, value) in form.Fields) output.WriteLine($"{name}={value}");
                return LoadApp.ExitPassed;
            default:
                output.WriteLine($"--print-presigned takes get, put or post, not {verb}");
                return LoadApp.ExitUsage;
        }
    }
}
