using Microsoft.AspNetCore.Http;

namespace FakeS3.Http;

/// <summary>x-amz-request-id (16 chars [0-9A-Z]) and x-amz-id-2, on every response (spec §4).</summary>
public sealed record S3RequestIds(string RequestId, string HostId)
{
    const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static readonly object ItemKey = new();

    public static S3RequestIds New()
    {
        // Identifiers, not secrets: Random.Shared is enough (a CSPRNG call per character cost ~6% of a GET).
        Span<char> id = stackalloc char[16];
        for (var i = 0; i < id.Length; i++) id[i] = Alphabet[Random.Shared.Next(Alphabet.Length)];
        Span<byte> host = stackalloc byte[57];
        Random.Shared.NextBytes(host);
        return new S3RequestIds(new string(id), Convert.ToBase64String(host));
    }

    public static S3RequestIds Of(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var v) && v is S3RequestIds ids) return ids;
        ids = New();
        context.Items[ItemKey] = ids;
        return ids;
    }

    public static void Apply(HttpContext context, S3RequestIds ids)
    {
        context.Response.Headers["x-amz-request-id"] = ids.RequestId;
        context.Response.Headers["x-amz-id-2"] = ids.HostId;
        context.Response.Headers["Server"] = "AmazonS3";
    }
}
