using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;

namespace FakeS3.Http.Refusals;

/// <summary>
/// Kestrel connection middleware: gives each connection a <see cref="ConnectionActivity"/> (seen by the HTTP
/// pipeline as a feature) and an output that turns Kestrel's bare refusals into S3 XML errors (issue 12).
/// </summary>
internal static class RefusalConnectionMiddleware
{
    public static ConnectionDelegate Wrap(ConnectionDelegate next) => connection =>
    {
        var activity = new ConnectionActivity();
        connection.Features.Set(activity);
        var transport = connection.Transport;
        connection.Transport = new Pipe(transport.Input, new RefusalRewritingWriter(transport.Output, activity));
        return next(connection);
    };

    sealed class Pipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }
}
