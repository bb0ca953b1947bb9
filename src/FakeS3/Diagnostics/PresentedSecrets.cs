using Microsoft.AspNetCore.Http;

namespace FakeS3.Diagnostics;

/// <summary>
/// Secrets a request carried where the logging code cannot read them afterwards (POST form fields, streamed
/// and gone): the endpoint that read them registers them here, on the request's features.
/// </summary>
internal sealed class PresentedSecrets
{
    readonly List<string> _values = [];

    public IReadOnlyList<string> Values => _values;

    public static void Add(HttpContext http, params ReadOnlySpan<string?> values)
    {
        var secrets = http.Features.Get<PresentedSecrets>();
        if (secrets is null) http.Features.Set(secrets = new PresentedSecrets());
        foreach (var v in values)
        {
            if (!string.IsNullOrEmpty(v)) secrets._values.Add(v);
        }
    }
}
