using System.IO.Pipelines;
using System.Text;
using FakeS3.Errors;
using FakeS3.Form;

namespace FakeS3.Tests.Policy;

/// <summary>
/// The multipart fast path (CanonicalFormScanner, PipeFileBody) against the general reader it stands in for: for
/// plain forms, hostile variants of them and every way of splitting the bytes into reads, both must give the same
/// fields, file name, file content and the same S3 error at the same stage.
/// </summary>
public class MultipartFastPathTests
{
    const string Boundary = "----fastpath7d1c";
    const string ContentType = "multipart/form-data; boundary=" + Boundary;

    static string Part(string name, string value) =>
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n";

    static string FileHead(string fileName = "a.bin") =>
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\nContent-Type: application/octet-stream\r\n\r\n";

    static readonly string File = string.Concat(Enumerable.Range(0, 300).Select(i => (char)('a' + i % 26)));

    static readonly string Plain =
        Part("key", "dir/${filename}") + Part("policy", "eyJleHBpcmF0aW9uIjoiMjAzMC0wMS0wMVQwMDowMDowMFoifQ==") +
        Part("x-amz-meta-ünï", "välue with spaces, \"quotes\" and \\") + FileHead() + File + $"\r\n--{Boundary}--\r\n";

    /// <summary>Hands out at most <paramref name="chunk"/> bytes per read: boundaries and headers split across reads.</summary>
    sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, chunk), cancellationToken);
    }

    /// <summary>What a user of the form could observe: every field, the file, and where a refusal came.</summary>
    static async Task<string> Observe(Func<Task<PostUpload>> read)
    {
        var stage = "form";
        try
        {
            var upload = await read();
            var seen = new StringBuilder();
            foreach (var f in upload.Form.Fields) seen.Append(f.Name).Append('=').Append(f.Value).Append('\n');
            seen.Append("filename=").Append(upload.FileName ?? "<none>").Append("\ntype=").Append(upload.FileContentType ?? "<none>");
            stage = "file";
            var content = new MemoryStream();
            await upload.FileBody.CopyToAsync(content);
            seen.Append("\nfile=").Append(Convert.ToHexString(content.ToArray()));
            stage = "tail";
            await upload.EnsureSingleFileAsync();
            return "ok\n" + seen;
        }
        catch (S3Exception e)
        {
            return $"{stage}: {e.Error.Code} {e.Error.Message} {string.Join(",", e.Error.Details)}";
        }
    }

    static Task<string> Fast(byte[] body, int chunk, string contentType = ContentType) =>
        Observe(() => MultipartFormReader.ReadAsync(contentType, new TrickleStream(body, chunk)));

    static Task<string> General(byte[] body, int chunk, string contentType = ContentType) =>
        Observe(() => MultipartFormReader.ReadWithGeneralReaderAsync(contentType, new TrickleStream(body, chunk)));

    static async Task AssertSame(byte[] body, params int[] chunks)
    {
        foreach (var chunk in chunks)
        {
            // The general reader's answer can depend on how the bytes arrive (its line limit counts per read).
            var expected = await General(body, chunk);
            var actual = await Fast(body, chunk);
            if (actual != expected)
                Assert.Fail($"chunk {chunk}, body {Encoding.UTF8.GetString(body).ReplaceLineEndings("⏎")}\nfast:    {actual}\ngeneral: {expected}");
        }
    }

    [Fact]
    public async Task PlainForm_SameAsGeneralReader_HoweverTheBytesArrive()
    {
        var body = Encoding.UTF8.GetBytes(Plain);
        Assert.StartsWith("ok\nkey=dir/a.bin\n", await Fast(body, 4096));
        await AssertSame(body, 1, 2, 3, 5, 7, 16, 64, 4096);
    }

    [Fact]
    public async Task FileContentFullOfNearBoundaries_IsDeliveredWhole()
    {
        // CRLF, dashes and boundary prefixes inside the file: only the full CRLF--boundary ends it.
        var tricky = $"\r\n-\r\n--\r\n--{Boundary[..^1]}\r\n--{Boundary[..5]}--\r\r\n\n--{Boundary}";
        var body = Encoding.UTF8.GetBytes(Part("key", "k") + FileHead() + tricky + "x" + $"\r\n--{Boundary}--\r\n");
        var seen = await Fast(body, 3);
        Assert.Contains("file=" + Convert.ToHexString(Encoding.UTF8.GetBytes(tricky + "x")), seen);
        await AssertSame(body, 1, 3, 4096);
    }

    [Theory]
    [InlineData("")]                                                    // no epilogue
    [InlineData("epilogue after the final boundary")]
    [InlineData("\r\n--" + Boundary + "--\r\n")]                        // the final boundary twice
    public async Task AfterTheFinalBoundary_SameAsGeneralReader(string epilogue) =>
        await AssertSame(Encoding.UTF8.GetBytes(Part("key", "k") + FileHead() + File + $"\r\n--{Boundary}--\r\n" + epilogue), 1, 7, 4096);

    [Theory]
    [InlineData("\r\n--" + Boundary + "\r\n")]                                   // cut after a part boundary
    [InlineData("\r\n--" + Boundary)]                                            // no line end, no "--"
    [InlineData("\r\n--" + Boundary + "-")]
    [InlineData("\r\n--" + Boundary + "--")]                                     // final boundary without CRLF
    [InlineData("\r\n--" + Boundary + "--   \r\n")]                              // whitespace before CRLF
    [InlineData("\r\n--" + Boundary + "  \r\n")]
    [InlineData("\r\n--" + Boundary + "garbage on the boundary line\r\n")]
    [InlineData("")]                                                             // no boundary after the file at all
    [InlineData("\r\n--" + Boundary + "\r\nContent-Disposition: form-data; name=\"extra\"\r\n\r\nafter\r\n--" + Boundary + "--\r\n")]
    [InlineData("\r\n--" + Boundary + "\r\nContent-Disposition: form-data; name=\"FILE\"; filename=\"b\"\r\n\r\nsecond\r\n--" + Boundary + "--\r\n")]
    [InlineData("\r\n--" + Boundary + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nsecond, never closed")]
    [InlineData("\r\n--" + Boundary + "\r\nno colon here\r\n\r\nx\r\n--" + Boundary + "--\r\n")]
    public async Task TailAfterTheFile_SameAsGeneralReader(string tail) =>
        await AssertSame(Encoding.UTF8.GetBytes(Part("key", "k") + FileHead() + File + tail), 1, 2, 7, 4096);

    [Fact]
    public async Task LongGarbageOnTheFileBoundaryLine_RefusedAsWhenTheLineArrivesWhole()
    {
        // The general reader's 100-byte boundary-line limit counts per read, so its answer depended on how the line
        // arrived; the fast path waits for the line (or the body's end) and gives the answer of a line read whole.
        var body = Encoding.UTF8.GetBytes(Part("key", "k") + FileHead() + File + $"\r\n--{Boundary}" + new string('x', 150));
        var whole = await General(body, 4096);
        Assert.StartsWith("file: MalformedPOSTRequest", whole);
        foreach (var chunk in new[] { 1, 7, 64, 4096 }) Assert.Equal(whole, await Fast(body, chunk));
        // Up to the limit the line is accepted (then ignored), however it arrives.
        var shortLine = Encoding.UTF8.GetBytes(Part("key", "k") + FileHead() + File + $"\r\n--{Boundary}" + new string('x', 90) + "\r\n");
        await AssertSame(shortLine, 1, 7, 4096);
    }

    [Theory]
    [InlineData("preamble\r\n")]                                                                // text before the first boundary
    [InlineData("\r\n")]
    public async Task Preamble_SameAsGeneralReader(string preamble) =>
        await AssertSame(Encoding.UTF8.GetBytes(preamble + Plain), 1, 4096);

    [Theory]
    [InlineData("Content-Disposition: form-data; name=\"key\"")]
    [InlineData("content-disposition: FORM-DATA; name=\"key\"")]
    [InlineData("Content-Disposition:form-data; name=\"key\"")]
    [InlineData("Content-Disposition:  form-data; name=\"key\"  ")]
    [InlineData("Content-Disposition: form-data; name=key")]
    [InlineData("Content-Disposition: form-data;name=\"key\"")]
    [InlineData("Content-Disposition: form-data; name=\"k\\\"ey\"")]
    [InlineData("Content-Disposition: form-data; name=\"=?utf-8?B?a2V5?=\"")]
    [InlineData("Content-Disposition: form-data; name=\"\"")]
    [InlineData("Content-Disposition: attachment; name=\"key\"")]
    [InlineData("Content-Disposition: form-data; name=\"key\"; filename=\"\"")]
    [InlineData("Content-Disposition: form-data; name=\"key\"; filename*=utf-8''a%20b")]
    [InlineData("Content-Disposition: form-data; name=\"key\"\r\nContent-Disposition: form-data; name=\"other\"")]
    [InlineData("Content-Disposition: form-data; name=\"key\"\r\nX-Other: 1")]
    [InlineData("Content-Type: text/plain")]                                                   // no disposition
    [InlineData("Content-Disposition: form-data; name=\"key\"\r\nContent-Type: text/plain; charset=utf-8")]
    [InlineData("Content-Disposition: form-data; name=\"këy\"")]
    [InlineData(": form-data")]
    public async Task OddFieldHeaders_SameAsGeneralReader(string headers)
    {
        var body = $"--{Boundary}\r\n{headers}\r\n\r\nk\r\n" + FileHead() + File + $"\r\n--{Boundary}--\r\n";
        await AssertSame(Encoding.UTF8.GetBytes(body), 1, 4096);
    }

    [Theory]
    [InlineData("Content-Disposition: form-data; name=\"file\"; filename=\"C:\\\\dir\\\\a.txt\"")]
    [InlineData("Content-Disposition: form-data; name=\"file\"; filename=\"=?utf-8?B?YS50eHQ=?=\"")]
    [InlineData("Content-Disposition: form-data; name=\"file\"; filename=\"dir/a b;c,d.txt\"")]
    [InlineData("Content-Disposition: form-data; name=\"file\"")]
    [InlineData("Content-Disposition: form-data; name=\"File\"; filename=\"x\"\r\nContent-Type: image/png")]
    [InlineData("Content-Type: text/plain\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"")]
    public async Task FilePartHeaders_SameAsGeneralReader(string headers)
    {
        var body = Part("key", "k/${filename}") + $"--{Boundary}\r\n{headers}\r\n\r\n" + File + $"\r\n--{Boundary}--\r\n";
        await AssertSame(Encoding.UTF8.GetBytes(body), 1, 4096);
    }

    [Theory]
    [InlineData(20300)]
    [InlineData(20350)]
    [InlineData(20380)]
    [InlineData(20400)]
    [InlineData(20480)]
    [InlineData(30000)]
    public async Task FieldsAroundThePreDataLimit_SameAsGeneralReader(int length) =>
        await AssertSame(Encoding.UTF8.GetBytes(Part("key", "k") + Part("big", new string('v', length)) + FileHead() + "x" + $"\r\n--{Boundary}--\r\n"), 4096, 16 * 1024);

    [Fact]
    public async Task PreDataLimit_ExactEdge_SameAsGeneralReader()
    {
        // Walk the value length over the edge byte by byte, with a multi-byte character at the edge too.
        var fixedPart = Part("key", "k");
        for (var length = 20300; length <= 20420; length++)
        {
            await AssertSame(Encoding.UTF8.GetBytes(fixedPart + Part("big", new string('v', length)) + FileHead() + "x" + $"\r\n--{Boundary}--\r\n"), 4096);
            await AssertSame(Encoding.UTF8.GetBytes(fixedPart + Part("big", new string('v', length) + "é") + FileHead() + "x" + $"\r\n--{Boundary}--\r\n"), 4096);
        }
    }

    [Fact]
    public async Task ManyFieldsAndHugeFileHeaders_SameAsGeneralReader()
    {
        var many = string.Concat(Enumerable.Range(0, 400).Select(i => Part($"f{i}", "v")));
        // Also byte by byte: past its scan budget the fast path leaves the form to the general reader.
        await AssertSame(Encoding.UTF8.GetBytes(many + FileHead() + "x" + $"\r\n--{Boundary}--\r\n"), 1, 4096);
        var longType = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"\r\nContent-Type: {new string('t', 30000)}\r\n\r\nx\r\n--{Boundary}--\r\n";
        await AssertSame(Encoding.UTF8.GetBytes(Part("key", "k") + longType), 4096);
    }

    [Fact]
    public async Task FieldNotUtf8_RefusedLikeTheGeneralReader()
    {
        byte[] body = [.. Encoding.ASCII.GetBytes(Part("key", "k")[..^2]), 0xFF, .. Encoding.ASCII.GetBytes("\r\n" + FileHead() + "x" + $"\r\n--{Boundary}--\r\n")];
        Assert.StartsWith("form: MalformedPOSTRequest", await Fast(body, 4096));
        await AssertSame(body, 1, 4096);
    }

    [Fact]
    public async Task NoFilePart_SameAsGeneralReader()
    {
        await AssertSame(Encoding.UTF8.GetBytes(Part("key", "k") + $"--{Boundary}--\r\n"), 1, 4096);
        await AssertSame(Encoding.UTF8.GetBytes(Part("key", "k")), 1, 4096);
        await AssertSame([], 1, 4096);
    }

    [Fact]
    public async Task EveryTruncation_SameAsGeneralReader()
    {
        var body = Encoding.UTF8.GetBytes(Part("key", "k") + Part("acl", "private") + FileHead("f.txt") + "0123456789" + $"\r\n--{Boundary}--\r\n");
        for (var cut = 0; cut <= body.Length; cut++) await AssertSame(body[..cut], 1, 4096);
    }

    [Fact]
    public async Task EveryByteReplaced_SameAsGeneralReader()
    {
        var body = Encoding.UTF8.GetBytes(Part("key", "k") + FileHead("f.txt") + "0123456789" + $"\r\n--{Boundary}--\r\n");
        foreach (var replacement in "\r\n-\" :;=\\\tXé"u8.ToArray())
        {
            for (var i = 0; i < body.Length; i++)
            {
                var mutated = (byte[])body.Clone();
                mutated[i] = replacement;
                await AssertSame(mutated, 3, 4096);
            }
        }
    }

    [Fact]
    public async Task RandomSplicesOfBoundaryPieces_SameAsGeneralReader()
    {
        var pieces = new[] { "\r\n", "--", Boundary, "\r\n--" + Boundary, "Content-Disposition: form-data; name=\"file\"\r\n\r\n", " ", "x" };
        var random = new Random(1406);
        var plain = Part("key", "k") + FileHead() + "content" + $"\r\n--{Boundary}--\r\n";
        for (var round = 0; round < 400; round++)
        {
            var text = plain;
            for (var n = random.Next(1, 4); n > 0; n--) text = text.Insert(random.Next(text.Length + 1), pieces[random.Next(pieces.Length)]);
            await AssertSame(Encoding.UTF8.GetBytes(text), 1 + random.Next(9), 4096);
        }
    }

    [Fact]
    public async Task BodyFailingUnderneath_IsMalformedPostRequest()
    {
        var body = Encoding.UTF8.GetBytes(Part("key", "k") + FileHead() + File + $"\r\n--{Boundary}--\r\n");
        foreach (var failAt in new[] { 0, 10, 120, body.Length - 20 })
        {
            var seen = await Observe(() => MultipartFormReader.ReadAsync(ContentType, new FailingStream(body, failAt)));
            Assert.Contains("MalformedPOSTRequest", seen);
            Assert.Equal(await Observe(() => MultipartFormReader.ReadWithGeneralReaderAsync(ContentType, new FailingStream(body, failAt))), seen);
        }
    }

    /// <summary>Hands out <paramref name="failAt"/> bytes, then fails the way a reset connection does.</summary>
    sealed class FailingStream(byte[] data, int failAt) : ReadOnlyStream
    {
        int _position;
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= failAt) throw new IOException("connection reset");
            var n = Math.Min(Math.Min(count, failAt - _position), 16);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }
    }

    [Fact]
    public async Task RequestPipe_FileReadStraightFromIt_LeavesNothingUnread()
    {
        var pipe = new Pipe();
        var body = Encoding.UTF8.GetBytes(Plain);
        await pipe.Writer.WriteAsync(body.AsMemory(0, 50));
        var reading = MultipartFormReader.ReadAsync(ContentType, pipe.Reader);
        await pipe.Writer.WriteAsync(body.AsMemory(50));
        await pipe.Writer.CompleteAsync();
        var upload = await reading;
        Assert.Equal(File, await new StreamReader(upload.FileBody).ReadToEndAsync());
        await upload.EnsureSingleFileAsync();
        // The request's pipe is at its end: a keep-alive connection has nothing left to drain.
        Assert.True(pipe.Reader.TryRead(out var rest));
        Assert.True(rest.IsCompleted);
        Assert.True(rest.Buffer.IsEmpty);
    }

    [Theory]
    [InlineData(100, true)]
    [InlineData(6000, false)]
    public async Task RefusedBeforeTheFile_SmallBodyConsumedLikeTheGeneralReadersBuffer_LargeOneLeft(int fileLength, bool consumed)
    {
        // The general reader took a body of up to 4 KiB into its buffer, so a refusal kept the connection open
        // (UnreadBody finds nothing left); a larger body was left unread and the connection closed.
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(Part("key", "k") + FileHead() + new string('f', fileLength) + $"\r\n--{Boundary}--\r\n"));
        await pipe.Writer.CompleteAsync();
        var upload = await MultipartFormReader.ReadAsync(ContentType, pipe.Reader);
        upload.Refused();
        Assert.True(pipe.Reader.TryRead(out var rest));
        Assert.Equal(consumed, rest.IsCompleted && rest.Buffer.IsEmpty);
        pipe.Reader.AdvanceTo(rest.Buffer.Start);
    }
}
