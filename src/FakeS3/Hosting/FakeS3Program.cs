using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace FakeS3.Hosting;

/// <summary>
/// The executable's start: `--help`, then the server. Every start-up failure is one line on stderr and exit
/// code 1 (never a stack trace and a SIGABRT): bad settings, an unusable data file, a port in use.
/// </summary>
internal static class FakeS3Program
{
    public static int Run(string[] args)
    {
        if (CommandLineHelp.IsHelp(args))
        {
            Console.Out.Write(CommandLineHelp.Text("fakes3"));
            return 0;
        }
        if (CommandLineHelp.IsVersion(args))
        {
            Console.Out.WriteLine(CommandLineHelp.Version);
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
            // Taken before Run: the host disposes its services when it stops (asking then threw, so every clean stop
            // by SIGTERM or Ctrl+C printed "cannot start" and exited 1).
            var database = app.Services.GetRequiredService<Storage.FakeS3Database>();
            if (app.Services.GetRequiredService<IOptions<FakeS3Options>>().Value.BatchScheduling)
                app.Lifetime.ApplicationStarted.Register(ThreadScheduling.Enable);
            app.Run();
            // Stopped because the data file was found damaged while running (the line is already on stderr).
            return database.Damage is null ? 0 : 1;
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
}
