using FakeS3.Hosting;
using FakeS3.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FakeS3.Admin;

/// <summary>
/// Branches /_fakes3/... to the admin API before the S3 pipeline. Only path-style requests: with a
/// virtual-hosted Host ("bucket.localhost") "/_fakes3/x" is an object key and stays an S3 request.
/// </summary>
internal static class AdminRouting
{
    public static void UseFakeS3Admin(this IApplicationBuilder app, FakeS3Options options)
    {
        if (!options.Admin.Enabled) return;
        app.MapWhen(http => IsAdmin(http, options.BaseDomain),
            admin => admin.Map(AdminMiddleware.Prefix, a =>
            {
                a.UseMiddleware<AdminGuardMiddleware>();
                a.UseMiddleware<AdminMiddleware>();
            }));
    }

    static bool IsAdmin(HttpContext http, string baseDomain)
    {
        if (!http.Request.Path.StartsWithSegments(AdminMiddleware.Prefix, StringComparison.Ordinal)) return false;
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.ToUriComponent();
        return !S3RequestTarget.Parse(raw, http.Request.Host.Value ?? "", baseDomain).VirtualHosted;
    }
}
