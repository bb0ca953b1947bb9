namespace FakeS3.Tests.Infrastructure;

/// <summary>Rewrites a request body after the SDK signed it (tampering, truncation), keeping Content-Length consistent.</summary>
public sealed class BodyRewriter(Func<byte[], byte[]> rewrite) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content)
        {
            var body = rewrite(await content.ReadAsByteArrayAsync(cancellationToken));
            var replaced = new ByteArrayContent(body);
            foreach (var h in content.Headers)
            {
                if (!h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) replaced.Headers.TryAddWithoutValidation(h.Key, h.Value);
            }
            replaced.Headers.ContentLength = body.Length;
            request.Content = replaced;
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
