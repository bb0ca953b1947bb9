using System.Security.Cryptography;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Conformance.Signing;

namespace FakeS3.Conformance.Scenarios;

/// <summary>Body integrity on PUT: Content-MD5, x-amz-checksum-*, Content-Length (spec §2.4, §5.4).</summary>
public static class PayloadIntegrity
{
    const string Area = "PayloadIntegrity";

    static Scenario S(string name, string evidence, Expected expected, Func<ScenarioContext, Task<Observation>> run) => new(name, Area, evidence, expected, run);

    static Action<HttpRequestMessage> Header(string name, string value) => r => r.Headers.TryAddWithoutValidation(name, value);

    public static IEnumerable<Scenario> All()
    {
        foreach (var alg in Checksums.Algorithms)
        {
            var lower = alg.ToLowerInvariant();
            var value = Checksums.Compute(alg, "hello world");
            yield return S($"accepts a correct x-amz-checksum-{lower} header and echoes it", "[DOC][REC]",
                Expect.Status(200).Header($"x-amz-checksum-{lower}", value).Stored("object holds the body"),
                ctx => HeaderAuth.PutAsync(ctx, "hello world", before: Header($"x-amz-checksum-{lower}", value)));

            yield return S($"rejects a body that does not match x-amz-checksum-{lower}", "[REC][WIRE]",
                Expect.Error(400, "BadDigest", $"The {alg} you specified did not match the calculated checksum.").Stored("nothing stored"),
                ctx => HeaderAuth.PutAsync(ctx, "hello world!", before: Header($"x-amz-checksum-{lower}", value)));

            yield return S($"rejects an x-amz-checksum-{lower} value of the wrong length", "[REC]",
                Expect.Error(400, "InvalidRequest", $"Value for x-amz-checksum-{lower} header is invalid.").Stored("nothing stored"),
                ctx => HeaderAuth.PutAsync(ctx, "hello world", before: Header($"x-amz-checksum-{lower}", "AAAA")));
        }

        yield return S("rejects two different x-amz-checksum-* headers", "[REC]",
            Expect.Error(400, "InvalidRequest", "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.").Stored("nothing stored"),
            ctx => HeaderAuth.PutAsync(ctx, "hello world", before: r =>
            {
                r.Headers.TryAddWithoutValidation("x-amz-checksum-crc32", Checksums.Compute("CRC32", "hello world"));
                r.Headers.TryAddWithoutValidation("x-amz-checksum-sha256", Checksums.Compute("SHA256", "hello world"));
            }));

        yield return S("answers a PUT without any checksum with a computed x-amz-checksum-crc64nvme", "[REC][DOC]",
            Expect.Status(200).Header("x-amz-checksum-crc64nvme", "jSnVw/bqjr4=").Header("x-amz-checksum-type", "FULL_OBJECT"),
            ctx => HeaderAuth.PutAsync(ctx, "hello world"));

        yield return S("returns the stored checksum on GET only with x-amz-checksum-mode: ENABLED", "[DOC][REC]",
            Expect.Status(200).Header("x-amz-checksum-crc32", "DUoRhQ=="), async ctx =>
            {
                var key = ctx.NewKey();
                await ctx.S3.PutObjectAsync(new PutObjectRequest { BucketName = ctx.Bucket, Key = key, ContentBody = "hello world", ChecksumAlgorithm = ChecksumAlgorithm.CRC32 }, ctx.CancellationToken);
                var plain = new HttpRequestMessage(HttpMethod.Get, ctx.ObjectUri(key));
                var without = await ctx.SendSignedAsync(plain, s => s with { PayloadHash = SigV4.EmptySha256 });
                var with = new HttpRequestMessage(HttpMethod.Get, ctx.ObjectUri(key));
                with.Headers.TryAddWithoutValidation("x-amz-checksum-mode", "ENABLED");
                var o = await ctx.SendSignedAsync(with, s => s with { PayloadHash = SigV4.EmptySha256 });
                return o.Check(without.Header("x-amz-checksum-crc32") is null, "checksum header returned without x-amz-checksum-mode");
            });

        yield return S("rejects a Content-MD5 that is not base64 of 16 bytes on a header-signed PUT", "[REC]",
            Expect.Error(400, "InvalidDigest", "The Content-MD5 you specified was invalid.").With("Content-MD5", "__invalid__").Stored("nothing stored"),
            ctx => HeaderAuth.PutAsync(ctx, "abc", before: r => r.Content!.Headers.TryAddWithoutValidation("Content-MD5", "__invalid__")));

        yield return S("rejects a header-signed PUT whose body does not match Content-MD5", "[REC]",
            Expect.Error(400, "BadDigest", "The Content-MD5 you specified did not match what we received.")
                .With("ExpectedDigest", "098f6bcd4621d373cade4e832627b4f6").With("CalculatedDigest", "kAFQmDzST7DWlj99KOF/cg==").Stored("nothing stored"),
            ctx => HeaderAuth.PutAsync(ctx, "abc", before: r => r.Content!.Headers.TryAddWithoutValidation("Content-MD5", Convert.ToBase64String(MD5.HashData(Encoding.UTF8.GetBytes("test"))))));
    }
}
