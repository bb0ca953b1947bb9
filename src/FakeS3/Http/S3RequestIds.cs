using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace FakeS3.Http;

/// <summary>x-amz-request-id (16 chars [0-9A-Z]) and x-amz-id-2, on every response (spec §4).</summary>
public sealed record S3RequestIds(string RequestId, string HostId)
{
    const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static readonly object ItemKey = new();

    public static S3RequestIds New()
    {
        Span<char> id = stackalloc char[16];
        for (var i = 0; i < id.Length; i++) id[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new S3RequestIds(new string(id), Convert.ToBase64String(RandomNumberGenerator.GetBytes(57)));
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
