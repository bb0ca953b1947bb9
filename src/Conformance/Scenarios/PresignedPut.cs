using System.Security.Cryptography;
using System.Text;
using Amazon.S3;

namespace FakeS3.Conformance.Scenarios;

/// <summary>Presigned PUT URLs: upload, signed headers, body integrity, query-string checksums.</summary>
public static class PresignedPut
{
    const string Area = "PresignedPut";
    const string SigMismatch = "The request signature we calculated does not match the signature you provided. Check your key and signing method.";

    static Scenario S(string name, string evidence, Expected expected, Func<ScenarioContext, Task<Observation>> run) => new(name, Area, evidence, expected, run);

    static HttpRequestMessage Put(Uri url, string body, Action<HttpRequestMessage>? before = null)
    {
        var r = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        before?.Invoke(r);
        return r;
    }

    /// <summary>Sends, then records a problem if the rejected upload was stored anyway.</summary>
    internal static async Task<Observation> RejectedPutAsync(ScenarioContext ctx, string key, HttpRequestMessage request)
    {
        var o = await ctx.Raw.SendAsync(request, ctx.CancellationToken);
        return o.Check(o.Status < 300 || await ctx.HeadAsync(key) is null, "the rejected upload was stored");
    }

    public static IEnumerable<Scenario> All()
    {
        yield return S("stores the body of an AWSSDK-presigned PUT and answers 200 with an empty body and the MD5 ETag", "[DOC]",
            Expect.Status(200).Header("ETag").Stored("object holds the uploaded bytes"), async ctx =>
            {
                var key = ctx.NewKey("presigned_put.txt");
                var o = await ctx.Raw.SendAsync(Put(ctx.SdkPresign(key, HttpVerb.PUT), "My test put/get/post"), ctx.CancellationToken);
                var md5 = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes("My test put/get/post")));
                o.Check(o.Header("ETag") == $"\"{md5}\"", $"ETag {o.Header("ETag")}, expected \"{md5}\"");
                o.Check(o.Body.Length == 0, "body not empty");
                return o.Check(await ctx.GetTextAsync(key) == "My test put/get/post", "stored body differs");
            });

        yield return S("stores Content-Type and x-amz-meta-* sent as signed headers of a presigned PUT", "[SDK][DOC]",
            Expect.Status(200).Stored("Content-Type text/plain, metadata foo=bar"), async ctx =>
            {
                var key = ctx.NewKey();
                var url = ctx.Presign(key, "PUT", s => s with { Headers = new Dictionary<string, string> { ["content-type"] = "text/plain", ["x-amz-meta-foo"] = "bar" } });
                var o = await ctx.Raw.SendAsync(Put(url, "abc", r =>
                {
                    r.Content!.Headers.ContentType = new("text/plain");
                    r.Headers.TryAddWithoutValidation("x-amz-meta-foo", "bar");
                }), ctx.CancellationToken);
                var head = await ctx.HeadAsync(key);
                o.Check(head?.Headers.ContentType == "text/plain", $"stored Content-Type {head?.Headers.ContentType}");
                return o.Check(head?.Metadata["x-amz-meta-foo"] == "bar", "metadata foo not stored");
            });

        yield return S("rejects a presigned PUT whose signed Content-Type is sent with another value", "[SDK][WIRE]",
            Expect.Error(403, "SignatureDoesNotMatch", SigMismatch).Stored("nothing stored"), ctx =>
            {
                var key = ctx.NewKey();
                var url = ctx.Presign(key, "PUT", s => s with { Headers = new Dictionary<string, string> { ["content-type"] = "text/plain" } });
                return RejectedPutAsync(ctx, key, Put(url, "abc", r => r.Content!.Headers.ContentType = new("image/png")));
            });

        yield return S("rejects a presigned PUT carrying an unsigned x-amz-acl header", "[REC][WIRE]",
            Expect.Error(403, "AccessDenied", "There were headers present in the request which were not signed").With("HeadersNotSigned", "x-amz-acl").Stored("nothing stored"), ctx =>
            {
                var key = ctx.NewKey();
                return RejectedPutAsync(ctx, key, Put(ctx.Presign(key, "PUT"), "abc", r => r.Headers.TryAddWithoutValidation("x-amz-acl", "private")));
            });

        yield return S("rejects an expired presigned PUT and stores nothing", "[WIRE][REC]",
            Expect.Error(403, "AccessDenied", "Request has expired").With("X-Amz-Expires", "60").With("Expires", "2024-01-01T00:01:00Z").With("ServerTime").Stored("nothing stored"), ctx =>
            {
                var key = ctx.NewKey();
                return RejectedPutAsync(ctx, key, Put(ctx.Presign(key, "PUT", s => s with { Date = PresignedGet.Past, Expires = "60" }), "abc"));
            });

        yield return S("rejects a URL presigned for GET when used to PUT", "[DOC][DERIVED]",
            Expect.Error(403, "SignatureDoesNotMatch", SigMismatch).Stored("nothing stored"), ctx =>
            {
                var key = ctx.NewKey();
                return RejectedPutAsync(ctx, key, Put(ctx.Presign(key, "GET"), "abc"));
            });

        yield return S("rejects a Content-MD5 that is not base64 of 16 bytes on a presigned PUT", "[REC]",
            Expect.Error(400, "InvalidDigest", "The Content-MD5 you specified was invalid.").With("Content-MD5", "MTIz").Stored("nothing stored"), ctx =>
            {
                var key = ctx.NewKey();
                return RejectedPutAsync(ctx, key, Put(ctx.Presign(key, "PUT"), "abc", r => r.Content!.Headers.TryAddWithoutValidation("Content-MD5", "MTIz")));
            });

        yield return S("rejects a presigned PUT whose body does not match Content-MD5", "[REC]",
            Expect.Error(400, "BadDigest", "The Content-MD5 you specified did not match what we received.")
                .With("ExpectedDigest", "098f6bcd4621d373cade4e832627b4f6").With("CalculatedDigest", "kAFQmDzST7DWlj99KOF/cg==").Stored("nothing stored"), ctx =>
            {
                var key = ctx.NewKey();
                var md5OfTest = Convert.ToBase64String(MD5.HashData(Encoding.UTF8.GetBytes("test")));
                return RejectedPutAsync(ctx, key, Put(ctx.Presign(key, "PUT"), "abc", r => r.Content!.Headers.TryAddWithoutValidation("Content-MD5", md5OfTest)));
            });

        yield return S("accepts a body that differs from the x-amz-checksum-crc32 signed into the query string (not validated)", "[REC]",
            Expect.Status(200).Stored("object holds the uploaded bytes"), async ctx =>
            {
                var key = ctx.NewKey();
                var url = ctx.Presign(key, "PUT", s => s with { ExtraQuery = [new("x-amz-checksum-crc32", "AAAAAA=="), new("x-amz-sdk-checksum-algorithm", "CRC32")] });
                var o = await ctx.Raw.SendAsync(Put(url, "hello world"), ctx.CancellationToken);
                return o.Check(await ctx.GetTextAsync(key) == "hello world", "stored body differs");
            });

        yield return S("rejects a presigned PUT whose query-string checksum was edited after signing", "[REC]",
            Expect.Error(403, "SignatureDoesNotMatch", SigMismatch).Stored("nothing stored"), ctx =>
            {
                var key = ctx.NewKey();
                var url = ctx.Presign(key, "PUT", s => s with { ExtraQuery = [new("x-amz-checksum-crc32", "AAAAAA=="), new("x-amz-sdk-checksum-algorithm", "CRC32")] });
                var edited = new Uri(url.ToString().Replace("AAAAAA%3D%3D", "DUoRhQ%3D%3D", StringComparison.Ordinal));
                return RejectedPutAsync(ctx, key, Put(edited, "hello world"));
            });
    }
}
