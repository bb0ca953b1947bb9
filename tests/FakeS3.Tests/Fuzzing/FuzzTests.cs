using System.Diagnostics;
using System.Globalization;
using System.Xml;
using Amazon.S3.Model;
using FakeS3.Tests.Infrastructure;
using Xunit.Abstractions;

namespace FakeS3.Tests.Fuzzing;

/// <summary>
/// Bounded fuzzing in CI (issue 12): ~2,000 mutated signed and unsigned requests over keep-alive connections to
/// FakeS3 on real Kestrel. Fails on any 5xx other than 501/503, on any request without an answer within 10 s, and on
/// any error answer that is not well-formed XML with a Code (error answers to HEAD have no body, as in S3).
/// FAKES3_FUZZ_SEED and FAKES3_FUZZ_COUNT change the run (the seed of a failure is printed).
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task MutatedRequests_NeverA500_AHang_OrAMalformedError()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FAKES3_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : 20261129;
        var count = int.TryParse(Environment.GetEnvironmentVariable("FAKES3_FUZZ_COUNT"), CultureInfo.InvariantCulture, out var n) ? n : 2000;
        await using var s3 = await TestFakeS3.StartAsync();
        using (var client = s3.CreateS3Client())
        {
            await client.PutBucketAsync("fuzz");
            await client.PutObjectAsync(new PutObjectRequest { BucketName = "fuzz", Key = "obj.txt", ContentBody = "0123456789abcdef" });
        }
        var fuzzer = new RequestFuzzer(new Random(seed), s3.BaseAddress, "fuzz", "obj.txt", TestFakeS3.AccessKey, TestFakeS3.SecretKey);
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var watch = Stopwatch.StartNew();
        RawHttpConnection? connection = null;
        try
        {
            for (var i = 0; i < count && failures.Count < 10; i++)
            {
                var request = fuzzer.Next();
                connection ??= await RawHttpConnection.OpenAsync(s3.BaseAddress);
                RawHttpResponse? answer;
                try
                {
                    answer = await ExchangeAsync(connection, request);
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or System.Net.Sockets.SocketException)
                {
                    answer = null;
                    failures.Add($"#{i} {e.GetType().Name} {e.Message}\n{request}");
                }
                if (answer is null)
                {
                    if (failures.Count == 0 || !failures[^1].StartsWith($"#{i} ", StringComparison.Ordinal)) failures.Add($"#{i} no answer (connection closed or hang)\n{request}");
                    await connection.DisposeAsync();
                    connection = null;
                    continue;
                }
                statuses[answer.Status] = statuses.GetValueOrDefault(answer.Status) + 1;
                if (Problem(request, answer) is { } problem) failures.Add($"#{i} {problem}\n{request}\n=> {answer.Status} {answer.Text[..Math.Min(answer.Text.Length, 500)]}");
                if (answer.ClosesConnection)
                {
                    await connection.DisposeAsync();
                    connection = null;
                }
            }
        }
        finally
        {
            if (connection is not null) await connection.DisposeAsync();
        }
        output.WriteLine($"seed {seed}: {count} requests in {watch.Elapsed.TotalSeconds:F1} s; statuses {string.Join(", ", statuses.Select(kv => $"{kv.Key}×{kv.Value}"))}");
        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} failure(s):\n\n" + string.Join("\n\n", failures));
    }

    static async Task<RawHttpResponse?> ExchangeAsync(RawHttpConnection c, FuzzRequest r)
    {
        var head = new System.Text.StringBuilder();
        head.Append(r.Method).Append(' ').Append(r.Target).Append(" HTTP/1.1\r\n");
        foreach (var (name, value) in r.Headers) head.Append(name).Append(": ").Append(value).Append("\r\n");
        if (r.Body.Length > 0 || r.Method is "PUT" or "POST") head.Append("Content-Length: ").Append(r.Body.Length).Append("\r\n");
        var expect = r.Expect100 && r.Body.Length > 0;
        if (expect) head.Append("Expect: 100-continue\r\n");
        head.Append("\r\n");
        await c.SendAsync(head.ToString());
        var isHead = r.Method == "HEAD";
        if (!expect)
        {
            if (r.Body.Length > 0) await c.SendAsync(r.Body);
            return await c.ReadResponseAsync(AnswerTimeout, isHead);
        }
        var first = await c.ReadResponseAsync(AnswerTimeout, isHead);
        if (first is null || first.Status != 100) return first;
        await c.SendAsync(r.Body);
        return await c.ReadResponseAsync(AnswerTimeout, isHead);
    }

    static string? Problem(FuzzRequest request, RawHttpResponse answer)
    {
        if (answer.Status >= 500 && answer.Status is not (501 or 503)) return $"{answer.Status} answer";
        if (answer.Header("x-amz-request-id") is null) return "not answered by FakeS3 (no x-amz-request-id): Kestrel refused the request";
        if (answer.Status == 304) return null;
        if (answer.Status < 300)
        {
            // Success XML (listings, results) must parse too; object bodies are not checked.
            if (answer.Header("Content-Type") != "application/xml" || answer.Body.Length == 0) return null;
            return Parse(answer.Body, out _) is { } bad ? "success answer is not well-formed XML: " + bad : null;
        }
        if (request.Method == "HEAD") return answer.Body.Length == 0 ? null : "HEAD error with a body";
        if (Parse(answer.Body, out var doc) is { } error) return "error answer is not well-formed XML: " + error;
        return string.IsNullOrEmpty(doc!.SelectSingleNode("/Error/Code")?.InnerText) ? "error answer without /Error/Code" : null;
    }

    /// <summary>XML 1.0 with character references to control characters allowed (S3 writes &amp;#x1;); no DTDs.</summary>
    static string? Parse(byte[] body, out XmlDocument? doc)
    {
        doc = new XmlDocument { XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body), new XmlReaderSettings { CheckCharacters = false, DtdProcessing = DtdProcessing.Prohibit });
            doc.Load(reader);
            return null;
        }
        catch (XmlException e)
        {
            return e.Message;
        }
    }
}
