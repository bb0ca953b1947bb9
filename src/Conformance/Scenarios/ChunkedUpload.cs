using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Conformance.Signing;

namespace FakeS3.Conformance.Scenarios;

/// <summary>aws-chunked uploads (spec §5): AWSSDK.S3 defaults with each checksum, and hand-framed bodies for the errors.</summary>
public static class ChunkedUpload
{
    const string Area = "ChunkedUpload";

    static Scenario S(string name, string evidence, Expected expected, Func<ScenarioContext, Task<Observation>> run) => new(name, Area, evidence, expected, run);

    static byte[] Data(int size) => Enumerable.Range(0, size).Select(i => (byte)('a' + i % 26)).ToArray();

    /// <summary>PutObject with the SDK's default settings and the given checksum; checks aws-chunked was really sent and the bytes round-trip.</summary>
    static async Task<Observation> SdkPutAsync(ScenarioContext ctx, string algorithm, int size)
    {
        var key = ctx.NewKey();
        var data = Data(size);
        var response = await ctx.S3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = ctx.Bucket, Key = key, InputStream = new MemoryStream(data), ChecksumAlgorithm = ChecksumAlgorithm.FindValue(algorithm),
        }, ctx.CancellationToken);
        var sent = ctx.Recorder.Last;
        var o = Observation.Ok(response.HttpStatusCode);
        var mode = sent?.GetValueOrDefault("x-amz-content-sha256") ?? "";
        o.Check(mode.StartsWith("STREAMING-", StringComparison.Ordinal), $"precondition: the SDK did not send aws-chunked (x-amz-content-sha256: {mode})");
        var get = await ctx.S3.GetObjectAsync(new GetObjectRequest { BucketName = ctx.Bucket, Key = key, ChecksumMode = ChecksumMode.ENABLED }, ctx.CancellationToken);
        using var ms = new MemoryStream();
        await get.ResponseStream.CopyToAsync(ms, ctx.CancellationToken);
        o.Check(ms.ToArray().AsSpan().SequenceEqual(data), "stored bytes differ from the upload");
        o.Check(string.IsNullOrEmpty(get.Headers.ContentEncoding), $"Content-Encoding stored: {get.Headers.ContentEncoding}");
        var md5 = Convert.ToHexStringLower(MD5.HashData(data));
        o.Check(get.ETag == $"\"{md5}\"", $"ETag {get.ETag}, expected MD5 of the decoded bytes");
        var expectedChecksum = Checksums.Compute(algorithm, data);
        var actualChecksum = algorithm switch
        {
            "CRC32" => get.ChecksumCRC32, "CRC32C" => get.ChecksumCRC32C, "CRC64NVME" => get.ChecksumCRC64NVME, "SHA1" => get.ChecksumSHA1, _ => get.ChecksumSHA256,
        };
        return o.Check(actualChecksum == expectedChecksum, $"x-amz-checksum-{algorithm.ToLowerInvariant()} {actualChecksum}, expected {expectedChecksum}");
    }

    /// <summary>Hand-framed STREAMING-AWS4-HMAC-SHA256-PAYLOAD upload; <paramref name="tamper"/> may rewrite the encoded body.</summary>
    internal static async Task<Observation> SignedChunkedAsync(ScenarioContext ctx, byte[] data, int chunkSize, Func<byte[], byte[]>? tamper = null, long? decodedLength = null)
    {
        var key = ctx.NewKey();
        var date = ctx.Now;
        var chunks = new List<byte[]>();
        for (var i = 0; i < data.Length; i += chunkSize) chunks.Add(data[i..Math.Min(data.Length, i + chunkSize)]);
        chunks.Add([]);
        var length = chunks.Sum(c => c.Length.ToString("x", CultureInfo.InvariantCulture).Length + ";chunk-signature=".Length + 64 + 2 + c.Length + 2);
        var request = new HttpRequestMessage(HttpMethod.Put, ctx.ObjectUri(key)) { Content = new ByteArrayContent([]) };
        request.Content.Headers.ContentLength = length;
        request.Content.Headers.ContentEncoding.Add("aws-chunked");
        request.Headers.TryAddWithoutValidation("x-amz-decoded-content-length", (decodedLength ?? data.Length).ToString(CultureInfo.InvariantCulture));
        var seed = SigV4.SignHeaders(request, ctx.HeaderSpec(date) with { PayloadHash = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD" });
        var stamp = SigV4.DateStamp(date);
        var key4 = SigV4.SigningKey(ctx.Target.SecretAccessKey, stamp, ctx.Target.Region);
        var scope = $"{stamp}/{ctx.Target.Region}/s3/aws4_request";
        var body = new MemoryStream();
        var previous = seed;
        foreach (var c in chunks)
        {
            previous = SigV4.ChunkSignature(key4, SigV4.AmzDate(date), scope, previous, c);
            body.Write(Encoding.ASCII.GetBytes($"{c.Length:x};chunk-signature={previous}\r\n"));
            body.Write(c);
            body.Write("\r\n"u8);
        }
        var encoded = tamper is null ? body.ToArray() : tamper(body.ToArray());
        var content = new ByteArrayContent(encoded);
        content.Headers.ContentEncoding.Add("aws-chunked");
        request.Content = content;
        var o = await ctx.Raw.SendAsync(request, ctx.CancellationToken);
        if (o.Status >= 300) return o.Check(await ctx.HeadAsync(key) is null, "the rejected upload was stored");
        var head = await ctx.HeadAsync(key);
        return o.Check(head?.ContentLength == data.Length, $"stored size {head?.ContentLength}, expected {data.Length}");
    }

    /// <summary>STREAMING-UNSIGNED-PAYLOAD-TRAILER as boto3 sends it over https, with a checksum trailer.</summary>
    static async Task<Observation> UnsignedTrailerAsync(ScenarioContext ctx, string body, string algorithm, string trailerValue)
    {
        var key = ctx.NewKey();
        var lower = algorithm.ToLowerInvariant();
        var bytes = Encoding.UTF8.GetBytes(body);
        var encoded = Encoding.UTF8.GetBytes($"{bytes.Length:x}\r\n{body}\r\n0\r\nx-amz-checksum-{lower}:{trailerValue}\r\n\r\n");
        var request = new HttpRequestMessage(HttpMethod.Put, ctx.ObjectUri(key)) { Content = new ByteArrayContent(encoded) };
        request.Content.Headers.ContentEncoding.Add("aws-chunked");
        request.Headers.TryAddWithoutValidation("x-amz-decoded-content-length", bytes.Length.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("x-amz-trailer", $"x-amz-checksum-{lower}");
        request.Headers.TryAddWithoutValidation("x-amz-sdk-checksum-algorithm", algorithm);
        var o = await ctx.SendSignedAsync(request, s => s with { PayloadHash = "STREAMING-UNSIGNED-PAYLOAD-TRAILER" });
        if (o.Status >= 300) return o.Check(await ctx.HeadAsync(key) is null, "the rejected upload was stored");
        return o.Check(await ctx.GetTextAsync(key) == body, "stored body differs");
    }

    public static IEnumerable<Scenario> All()
    {
        foreach (var alg in Checksums.Algorithms)
            yield return S($"stores an AWSSDK.S3 default PutObject (aws-chunked, signed chunks, {alg} trailer) decoded", "[SDK][DOC]",
                Expect.Status(200).Stored($"decoded bytes, MD5 ETag, no Content-Encoding, {alg} checksum returned"), ctx => SdkPutAsync(ctx, alg, 70_000));

        yield return S("stores the documented 66560-byte signed aws-chunked upload in 64 KiB chunks", "[DOC]",
            Expect.Status(200).Stored("66560 decoded bytes"), ctx => SignedChunkedAsync(ctx, Enumerable.Repeat((byte)'a', 66560).ToArray(), 65536));

        foreach (var alg in Checksums.Algorithms)
            yield return S($"stores a STREAMING-UNSIGNED-PAYLOAD-TRAILER upload with a correct {alg} trailer", "[SDK][DOC]",
                Expect.Status(200).Header($"x-amz-checksum-{alg.ToLowerInvariant()}", Checksums.Compute(alg, "hello world")).Stored("decoded body"),
                ctx => UnsignedTrailerAsync(ctx, "hello world", alg, Checksums.Compute(alg, "hello world")));

        yield return S("rejects an aws-chunked trailer checksum that does not match the body", "[2ND]",
            Expect.Error(400, "BadDigest", "The CRC32 you specified did not match the calculated checksum.").Stored("nothing stored"),
            ctx => UnsignedTrailerAsync(ctx, "hello world", "CRC32", Checksums.Compute("CRC32", "other")));

        yield return S("rejects a well-formed aws-chunked chunk with a wrong chunk signature", "[2ND][UNCONFIRMED]",
            Expect.Error(403, "SignatureDoesNotMatch").Stored("nothing stored"), ctx => SignedChunkedAsync(ctx, Data(10_000), 8192, body =>
            {
                var text = Encoding.ASCII.GetString(body);
                var i = text.IndexOf("chunk-signature=", StringComparison.Ordinal) + 16;
                body[i] = body[i] == (byte)'0' ? (byte)'1' : (byte)'0';
                return body;
            }));

        yield return S("rejects garbled aws-chunked framing with IncompleteBody", "[2ND]",
            Expect.Error(400, "IncompleteBody", "The request body terminated unexpectedly").Stored("nothing stored"), ctx => SignedChunkedAsync(ctx, Data(10_000), 8192, body =>
            {
                var text = Encoding.ASCII.GetString(body);
                var i = text.IndexOf(";chunk-signature=", StringComparison.Ordinal);
                body[i] = (byte)'#';
                return body;
            }));

        yield return S("rejects an aws-chunked body whose decoded length differs from x-amz-decoded-content-length", "[UNCONFIRMED]",
            Expect.Error(400, "IncompleteBody", "The request body terminated unexpectedly").Stored("nothing stored"), ctx => SignedChunkedAsync(ctx, Data(10_000), 8192, decodedLength: 10_001));
    }
}
