using Microsoft.AspNetCore.Http;

namespace FakeS3.Http;

/// <summary>x-amz-request-id (16 chars [0-9A-Z]) and x-amz-id-2, on every response (spec §4).</summary>
internal sealed record S3RequestIds(string RequestId, string HostId)
{
    const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    public static S3RequestIds New()
    {
        // Identifiers, not secrets: Random.Shared is enough (a CSPRNG call per character cost ~6% of a GET).
        Span<char> id = stackalloc char[16];
        for (var i = 0; i < id.Length; i++) id[i] = Alphabet[Random.Shared.Next(Alphabet.Length)];
        Span<byte> host = stackalloc byte[57];
        Random.Shared.NextBytes(host);
        return new S3RequestIds(new string(id), Convert.ToBase64String(host));
    }

    /// <summary>The request's ids, made on first use. Kept as a feature: HttpContext.Items costs a dictionary per request.</summary>
    public static S3RequestIds Of(HttpContext context)
    {
        if (context.Features.Get<S3RequestIds>() is { } ids) return ids;
        ids = New();
        context.Features.Set(ids);
        return ids;
    }

    public static void Apply(HttpContext context, S3RequestIds ids)
    {
        context.Response.Headers["x-amz-request-id"] = ids.RequestId;
        context.Response.Headers["x-amz-id-2"] = ids.HostId;
        context.Response.Headers["Server"] = "AmazonS3";
    }
}
