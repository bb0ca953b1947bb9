using FakeS3.Admin;
using FakeS3.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace FakeS3.Hosting;

/// <summary>Prints what a user needs to point a client at FakeS3: endpoint, region, keys, data file, admin access.</summary>
internal static class StartupBanner
{
    public static void Register(WebApplication app, FakeS3Options options, FakeS3Database db)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            Console.WriteLine(Render(options, addresses, db.FilePath, app.Services.GetRequiredService<AdminToken>()));
        });
    }

    public static string Render(FakeS3Options options, ICollection<string> addresses, string dataFile, AdminToken token)
    {
        var endpoint = addresses.Count > 0 ? string.Join(", ", addresses) : "(in-process)";
        var credential = options.EffectiveCredentials[0];
        return $"""
            FakeS3 is ready.
              endpoint:       {endpoint}   (path-style; virtual-hosted: http://<bucket>.{options.BaseDomain}:<port>)
              region:         {options.Region}
              access key:     {credential.AccessKeyId}
              secret key:     {credential.SecretAccessKey}
              data file:      {dataFile}
              buckets:        {(options.Buckets.Count == 0 ? "(none configured)" : string.Join(", ", options.Buckets))}
              admin API:      {AdminLine(options, addresses, token)}
            """;
    }

    static string AdminLine(FakeS3Options options, ICollection<string> addresses, AdminToken token)
    {
        if (!options.Admin.Enabled) return "off (FakeS3:Admin:Enabled=false)";
        if (token.Configured) return "/_fakes3/*, header 'Authorization: Bearer <FakeS3:Admin:Token>'";
        if (addresses.Any(a => !ListenerExposure.IsLoopbackAddress(a)))
            return $"/_fakes3/*, listening beyond loopback: header 'Authorization: Bearer {token.Value}' (generated; set FakeS3:Admin:Token to choose it)";
        return "/_fakes3/* (open: loopback only)";
    }
}
