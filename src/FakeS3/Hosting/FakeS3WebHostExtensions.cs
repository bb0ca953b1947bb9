using FakeS3.Hosting;

namespace Microsoft.AspNetCore.Hosting;

/// <summary>UseFakeS3Defaults(): the listen address and Kestrel limits the FakeS3 server uses.</summary>
public static class FakeS3WebHostExtensions
{
    /// <summary>Default listen address when no --urls/ASPNETCORE_URLS is given; S3-sized request limits.</summary>
    public static IWebHostBuilder UseFakeS3Defaults(this IWebHostBuilder builder, IConfiguration configuration)
    {
        if (string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(configuration["ASPNETCORE_URLS"]))
            builder.UseUrls(FakeS3Options.DefaultUrl);
        builder.ConfigureLogging(l => l.AddFakeS3LogFilters());
        builder.ConfigureKestrel(k =>
        {
            // S3 objects are up to 5 GiB per PUT; Kestrel's 30 MB default would cut uploads short.
            k.Limits.MaxRequestBodySize = FakeS3.Payload.UploadLimits.MaxBodySize;
            k.AddServerHeader = false;
            ApplyS3Limits(k);
        });
        return builder;
    }

    /// <summary>Kestrel limits and header encoding FakeS3 needs on any Kestrel it runs on (also FakeS3Host).</summary>
    public static void ApplyS3Limits(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions k)
    {
        // Above S3's own limits, so S3's answer (RequestHeaderSectionTooLarge at 8 KiB, HeaderSection) comes from
        // FakeS3 as XML rather than as Kestrel's bare 431/414: a 1,024-byte key percent-encoded plus a presigned
        // query with a session token and response-* overrides does not fit Kestrel's 8 KiB request line.
        k.Limits.MaxRequestHeadersTotalSize = 64 * 1024;
        k.Limits.MaxRequestHeaderCount = 4096;
        k.Limits.MaxRequestLineSize = 64 * 1024;
        // Header values in ISO-8859-1 both ways, as S3 reads and writes them: a Latin-1 byte in a request header gets
        // S3's answer (usually a signature check) instead of Kestrel's bare 400, and response-* overrides may carry
        // Latin-1 values.
        k.RequestHeaderEncodingSelector = _ => System.Text.Encoding.Latin1;
        k.ResponseHeaderEncodingSelector = _ => System.Text.Encoding.Latin1;
        // Kestrel's own refusals (400 framing, 414, 431, 505, 408) leave as S3 XML errors, not empty bodies, and are logged.
        k.ConfigureEndpointDefaults(listen => listen.Use(FakeS3.Http.Refusals.RefusalConnectionMiddleware.For(listen.ApplicationServices)));
    }

    /// <summary>
    /// One line per request from the framework would cost more than serving the request, and it would print
    /// every URL whole, signatures and session tokens included (FakeS3's own log lines are redacted).
    /// The hosting category only logs request start/stop, but while any level of it is enabled every request
    /// also opens a log scope and an Activity: off, presigned GETs measured ~10% faster (docs/benchmarks.md).
    /// </summary>
    public static ILoggingBuilder AddFakeS3LogFilters(this ILoggingBuilder logging) => logging
        .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
        .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None)
        // A failed start is reported as one line by FakeS3Program; these would add the same error with a stack
        // trace. (Request errors never reach Kestrel's log: S3Middleware answers every exception.)
        .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None)
        .AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.None);
}
