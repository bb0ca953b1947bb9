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
            k.Limits.MaxRequestBodySize = 5L * 1024 * 1024 * 1024;
            k.AddServerHeader = false;
            k.Limits.MaxRequestHeadersTotalSize = 64 * 1024;
        });
        return builder;
    }

    /// <summary>
    /// One line per request from the framework would cost more than serving the request, and it would print
    /// every URL whole, signatures and session tokens included (FakeS3's own log lines are redacted).
    /// The hosting category only logs request start/stop, but while any level of it is enabled every request
    /// also opens a log scope and an Activity: off, presigned GETs measured ~10% faster (docs/benchmarks.md).
    /// </summary>
    public static ILoggingBuilder AddFakeS3LogFilters(this ILoggingBuilder logging) => logging
        .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
        .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
}
