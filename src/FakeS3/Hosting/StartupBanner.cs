using FakeS3.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace FakeS3.Hosting;

/// <summary>Prints what a user needs to point a client at FakeS3: endpoint, region, keys, data file.</summary>
internal static class StartupBanner
{
    public static void Register(WebApplication app, FakeS3Options options, FakeS3Database db)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
            var endpoint = addresses is { Count: > 0 } ? string.Join(", ", addresses) : "(in-process)";
            var credential = options.EffectiveCredentials[0];
            Console.WriteLine($"""
                FakeS3 is ready.
                  endpoint:       {endpoint}   (path-style; virtual-hosted: http://<bucket>.{options.BaseDomain}:<port>)
                  region:         {options.Region}
                  access key:     {credential.AccessKeyId}
                  secret key:     {credential.SecretAccessKey}
                  data file:      {db.FilePath}
                  buckets:        {(options.Buckets.Count == 0 ? "(none configured)" : string.Join(", ", options.Buckets))}
                """);
        });
    }
}
