using System.IO.Pipelines;
using FakeS3.Diagnostics;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace FakeS3.Http.Refusals;

/// <summary>
/// Kestrel connection middleware: gives each connection a <see cref="ConnectionActivity"/> (seen by the HTTP
/// pipeline as a feature), an input that keeps each request line, and an output that turns Kestrel's bare refusals
/// into S3 XML errors recorded in the request log (issue 12).
/// </summary>
internal static class RefusalConnectionMiddleware
{
    public static Func<ConnectionDelegate, ConnectionDelegate> For(IServiceProvider services)
    {
        // FakeS3's own host always has a request log; a host without one still gets S3 answers, unlogged.
        var recorder = services.GetService<RequestLog>() is { } log
            ? new RefusalRecorder(log, services.GetService<TimeProvider>() ?? TimeProvider.System) : null;
        return next => connection =>
        {
            var activity = new ConnectionActivity();
            connection.Features.Set(activity);
            var transport = connection.Transport;
            connection.Transport = new Pipe(new RequestLineObservingReader(transport.Input, activity),
                new RefusalRewritingWriter(transport.Output, activity, recorder));
            return next(connection);
        };
    }

    sealed class Pipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }
}
