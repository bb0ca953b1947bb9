using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace FakeS3.Hosting;

/// <summary>
/// The executable's start: `--help`, then the server. Every start-up failure is one line on stderr and exit
/// code 1 (never a stack trace and a SIGABRT): bad settings, an unusable data file, a port in use.
/// </summary>
public static class FakeS3Program
{
    public static int Run(string[] args)
    {
        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            Console.WriteLine(Help);
            return 0;
        }
        try
        {
            // Content root = the app's folder, so appsettings.json is found wherever FakeS3 is started from.
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
            builder.WebHost.UseFakeS3Defaults(builder.Configuration);
            builder.Services.AddFakeS3(builder.Configuration);
            var app = builder.Build();
            app.MapFakeS3();
            app.Run();
            // Stopped because the data file was found damaged while running (the line is already on stderr).
            return app.Services.GetRequiredService<Storage.FakeS3Database>().Damage is null ? 0 : 1;
        }
        catch (Exception e) when (Describe(e) is { } line)
        {
            Console.Error.WriteLine(line);
            return 1;
        }
    }

    /// <summary>One line for a start-up failure (null: not one we know how to explain; it is still one line).</summary>
    internal static string? Describe(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case Storage.DataFileException d:
                    return "FakeS3 cannot start: " + d.Message;
                case OptionsValidationException v:
                    return "FakeS3 cannot start: invalid settings: " + string.Join(" ", v.Failures);
                case IOException io when io.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
                    || io.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase):
                    return $"FakeS3 cannot start: {io.Message.TrimEnd('.')}. Another program (or FakeS3) listens there: pass `--urls http://127.0.0.1:<port>` with a free port.";
                case InvalidOperationException when x.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                    return "FakeS3 cannot start: invalid setting: " + x.Message;
            }
        }
        return $"FakeS3 cannot start: {e.GetType().Name}: {e.Message}".ReplaceLineEndings(" ");
    }

    const string Help = """
        FakeS3: an S3 emulator for presigned URLs and browser POST forms.

        Usage: FakeS3 [--urls http://127.0.0.1:4568] [--FakeS3:<Setting>=<value> ...]
        Settings also come from appsettings.json and environment variables (FakeS3__Region=eu-west-1).

          --urls                                   listen address (default http://127.0.0.1:4568)
          FakeS3:Region                            credential scope region (default us-east-1)
          FakeS3:DataPath                          LiteDB data file (default data/fakes3.db; :memory: = in memory)
          FakeS3:Credentials:N:AccessKeyId         accepted access key (default fakes3)
          FakeS3:Credentials:N:SecretAccessKey     its secret (default fakes3secret)
          FakeS3:Credentials:N:SessionToken        required X-Amz-Security-Token (optional)
          FakeS3:Buckets:N                         bucket created at start
          FakeS3:BucketAcls:<bucket>               canned ACL of a configured bucket (private, public-read, ...)
          FakeS3:Cors:<bucket>:N:AllowedOrigins:N  CORS rules of a configured bucket (also AllowedMethods, AllowedHeaders,
                                                   ExposeHeaders, MaxAgeSeconds)
          FakeS3:BaseDomain                        virtual-hosted style domain (default localhost)
          FakeS3:MaxSkewSeconds                    allowed clock skew, 0-86400 (default 900)
          FakeS3:ExplanationHeader                 add x-fakes3-explanation to errors (default false)
          FakeS3:Admin:Enabled                     the /_fakes3/* admin API (default true)
          FakeS3:StartupBanner                     print endpoint and keys at start (default true)

        Exit code 1 with one line on stderr when the settings, the data file or the port cannot be used,
        and when the data file is found damaged or gone while running.
        """;
}
