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
        var endpoints = addresses.Select(UsableEndpoint).Distinct().ToList();
        var endpoint = endpoints.Count > 0 ? string.Join(", ", endpoints) : "(in-process)";
        var wildcard = addresses.Any(a => UsableEndpoint(a) != a.TrimEnd('/'));
        var virtualHosted = endpoints.Count > 0 && Uri.TryCreate(endpoints[0], UriKind.Absolute, out var first)
            ? $"{first.Scheme}://<bucket>.{options.BaseDomain}:{first.Port}"
            : $"http://<bucket>.{options.BaseDomain}";
        var credential = options.EffectiveCredentials[0];
        return $"""
            FakeS3 is ready.
              endpoint:       {endpoint}   (path-style; virtual-hosted: {virtualHosted}){(wildcard ? "\n                              listening on all interfaces: other hosts use this machine's name or address" : "")}
              region:         {options.Region}
              access key:     {credential.AccessKeyId}
              secret key:     {credential.SecretAccessKey}
              data file:      {dataFile}
              buckets:        {(options.Buckets.Count == 0 ? "(none configured)" : string.Join(", ", options.Buckets))}
              admin API:      {AdminLine(options, addresses, token)}
            """;
    }

    /// <summary>
    /// An address a client on this machine can use: Kestrel reports what it bound, and a wildcard bind
    /// (0.0.0.0, [::], +, *) is not a host a client can connect or sign for; 127.0.0.1 is.
    /// </summary>
    public static string UsableEndpoint(string address)
    {
        var trimmed = address.TrimEnd('/');
        var schemeEnd = trimmed.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0) return trimmed;
        var authority = trimmed[(schemeEnd + 3)..];
        var portStart = authority.LastIndexOf(':');
        var host = portStart > authority.LastIndexOf(']') ? authority[..portStart] : authority;
        var port = portStart > authority.LastIndexOf(']') ? authority[portStart..] : "";
        return host is "0.0.0.0" or "[::]" or "+" or "*" ? $"{trimmed[..(schemeEnd + 3)]}127.0.0.1{port}" : trimmed;
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
