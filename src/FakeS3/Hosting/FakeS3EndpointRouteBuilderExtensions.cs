using FakeS3.Admin;
using FakeS3.Diagnostics;
using FakeS3.Hosting;
using FakeS3.Http;
using FakeS3.Storage;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

public static class FakeS3EndpointRouteBuilderExtensions
{
    /// <summary>Adds the S3 request pipeline. Throws when AddFakeS3 was not called.</summary>
    public static IApplicationBuilder MapFakeS3(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetService<FakeS3Marker>() is null)
            throw new InvalidOperationException("Call builder.Services.AddFakeS3(configuration) before app.MapFakeS3().");
        // Validate options and open the data file before Kestrel accepts traffic (fail fast, as YARP does).
        var options = app.ApplicationServices.GetRequiredService<IOptions<FakeS3Options>>().Value;
        app.ApplicationServices.GetRequiredService<FakeS3Initializer>().Initialize();
        StopWhenDataFileIsDamaged(app.ApplicationServices);
        if (app is WebApplication web && options.StartupBanner) StartupBanner.Register(web, options, app.ApplicationServices.GetRequiredService<FakeS3Database>());
        // The connection is busy from here until the response is complete: Kestrel's own refusals happen only outside.
        app.Use(FakeS3.Http.Refusals.ConnectionActivity.MarkAsync);
        // Admin first (it is not S3 and is not logged), then the request log around the S3 pipeline.
        app.UseFakeS3Admin(options);
        app.UseMiddleware<RequestLogMiddleware>();
        app.UseMiddleware<S3Middleware>();
        return app;
    }

    /// <summary>
    /// A data file found damaged or gone after an engine error stops the host (never 500 to everything): the
    /// line goes to stderr now, and the executable exits with code 1 (FakeS3Program).
    /// </summary>
    static void StopWhenDataFileIsDamaged(IServiceProvider services)
    {
        var lifetime = services.GetService<IHostApplicationLifetime>();
        services.GetRequiredService<FakeS3Database>().Damaged += line =>
        {
            Console.Error.WriteLine(line);
            // Not inline: the caller holds the store lock, which stopping (a last checkpoint) needs too.
            if (lifetime is not null) ThreadPool.QueueUserWorkItem(_ => lifetime.StopApplication());
        };
    }
}
