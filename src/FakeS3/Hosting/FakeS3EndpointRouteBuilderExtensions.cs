using FakeS3.Hosting;

namespace Microsoft.AspNetCore.Builder;

public static class FakeS3EndpointRouteBuilderExtensions
{
    /// <summary>Adds the S3 request pipeline. Throws when AddFakeS3 was not called.</summary>
    public static WebApplication MapFakeS3(this WebApplication app)
    {
        if (app.Services.GetService<FakeS3Marker>() is null)
            throw new InvalidOperationException("Call builder.Services.AddFakeS3(configuration) before app.MapFakeS3().");
        return app;
    }
}
