using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using FakeS3.Errors;
using FakeS3.Policy;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace FakeS3.Form;

/// <summary>
/// Streams a browser POST body (spec §3.1): reads the text fields up to the part named <c>file</c> into a
/// <see cref="PostForm"/>, then hands out the file content as a stream, never buffered whole. Throws
/// <see cref="S3Exception"/>; any other failure of the multipart parser becomes MalformedPOSTRequest, never a 500.
/// </summary>
internal static class MultipartFormReader
{
    /// <summary>[WIRE] everything before the file part, boundaries and part headers included.</summary>
    public const int MaxPreDataLength = 20480;

    /// <summary>Reads a form from a stream (tests, tools): the same parsing as the request's pipe gets.</summary>
    public static Task<PostUpload> ReadAsync(string? contentType, Stream body, CancellationToken cancellationToken = default) =>
        ReadAsync(contentType, PipeReader.Create(body, new StreamPipeReaderOptions(leaveOpen: true)), cancellationToken);

    public static async Task<PostUpload> ReadAsync(string? contentType, PipeReader body, CancellationToken cancellationToken = default)
    {
        var boundary = Boundary(contentType);
        if (System.Text.Ascii.IsValid(boundary) && await ReadCanonicalAsync(boundary, body, cancellationToken) is { } upload) return upload;
        return await ReadGeneralAsync(boundary, body.AsStream(leaveOpen: true), cancellationToken);
    }

    /// <summary>The general reader alone (the differential tests compare the fast path with it).</summary>
    internal static Task<PostUpload> ReadWithGeneralReaderAsync(string? contentType, Stream body, CancellationToken cancellationToken = default) =>
        ReadGeneralAsync(Boundary(contentType), body, cancellationToken);

    /// <summary>The general multipart reader with this form's limits (also for the tail after a fast-path file).</summary>
    internal static MultipartReader CreateReader(string boundary, Stream body) => new(boundary, body)
    {
        HeadersCountLimit = 1000, // bounded by the byte budget below instead
        HeadersLengthLimit = MaxPreDataLength + 1,
    };

    /// <summary>
    /// Larger than anything <see cref="CanonicalFormScanner"/> accepts (fields within the budget, then the file part's
    /// headers within the same size), so a form still unresolved at this size goes to the general reader.
    /// </summary>
    const int MaxCanonicalScan = 2 * MaxPreDataLength + 1024;

    /// <summary>Bytes the fast path scans, over all its reads, before leaving the form to the general reader.</summary>
    const int MaxCanonicalScanned = 256 * 1024;

    /// <summary>
    /// The fast path (<see cref="CanonicalFormScanner"/>): null, with nothing consumed, when the form is not of the
    /// plain shape; the general reader then reads it from its first byte. Reading failures are MalformedPOSTRequest as
    /// there: data of the plain shape so far holds nothing the general reader would refuse first.
    /// </summary>
    static async Task<PostUpload?> ReadCanonicalAsync(string boundary, PipeReader body, CancellationToken cancellationToken)
    {
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var scan = new CanonicalFormScanner.Result();
        byte[]? copy = null;
        long scanned = 0;
        try
        {
            while (true)
            {
                ReadResult result;
                try
                {
                    result = await body.ReadAsync(cancellationToken);
                }
                catch (Exception e) when (e is IOException or InvalidDataException)
                {
                    throw new S3Exception(S3Errors.MalformedPostRequest());
                }
                var buffer = result.Buffer;
                ReadOnlySpan<byte> data;
                if (buffer.IsSingleSegment)
                {
                    data = buffer.FirstSpan;
                }
                else
                {
                    var length = (int)Math.Min(buffer.Length, MaxCanonicalScan + 1);
                    if (copy is null || copy.Length < length)
                    {
                        if (copy is not null) ArrayPool<byte>.Shared.Return(copy);
                        copy = ArrayPool<byte>.Shared.Rent(length);
                    }
                    buffer.Slice(0, length).CopyTo(copy);
                    data = copy.AsSpan(0, length);
                }
                var outcome = CanonicalFormScanner.Scan(data, delimiter, scan);
                if (outcome == CanonicalFormScanner.Outcome.FileFound)
                {
                    body.AdvanceTo(buffer.GetPosition(scan.FileStart));
                    var form = new PostForm(scan.Fields).WithFilename(scan.FileName);
                    return new PostUpload(null, form, scan.FileName, scan.FileContentType, new PipeFileBody(body, boundary, scan.FileStart));
                }
                // Each read scans from the start: a large form trickling in goes to the general reader (linear in
                // the bytes) instead of being rescanned once per packet.
                scanned += data.Length;
                if (outcome == CanonicalFormScanner.Outcome.Unusual || result.IsCompleted || buffer.Length > MaxCanonicalScan
                    || scanned > MaxCanonicalScanned)
                {
                    body.AdvanceTo(buffer.Start); // nothing consumed, nothing examined: the general reader sees it all
                    return null;
                }
                body.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            if (copy is not null) ArrayPool<byte>.Shared.Return(copy);
        }
    }

    static async Task<PostUpload> ReadGeneralAsync(string boundary, Stream body, CancellationToken cancellationToken)
    {
        var reader = CreateReader(boundary, body);
        var fields = new List<PostField>();
        long used = 0;
        var valueBuffer = ArrayPool<byte>.Shared.Rent(MaxPreDataLength + 1);
        try
        {
            while (true)
            {
                var section = await NextSectionAsync(reader, cancellationToken);
                if (section is null) throw new S3Exception(S3Errors.PostFileCount()); // no file part [WIRE]
                var (name, fileName) = Disposition(section);
                // A part is the file by its name, not by having a filename parameter [2ND].
                if (name.Equals("file", StringComparison.OrdinalIgnoreCase))
                {
                    var form = new PostForm(fields).WithFilename(fileName);
                    return new PostUpload(reader, form, fileName, section.ContentType, new FileBodyStream(section.Body));
                }
                used += boundary.Length + 4 + HeaderBytes(section) + 2;
                if (used > MaxPreDataLength) throw new S3Exception(S3Errors.MaxPostPreDataLengthExceeded());
                var value = await ReadValueAsync(section.Body, valueBuffer, MaxPreDataLength - used, cancellationToken);
                used += Encoding.UTF8.GetByteCount(value) + 2;
                if (used > MaxPreDataLength) throw new S3Exception(S3Errors.MaxPostPreDataLengthExceeded());
                fields.Add(new PostField(name, value));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(valueBuffer);
        }
    }

    /// <summary>
    /// Anything but multipart/form-data is 412 [REC], not AWS's documented RequestIsNotMultiPartContent;
    /// multipart/form-data without a usable boundary is MalformedPOSTRequest [2ND].
    /// </summary>
    static string Boundary(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new S3Exception(S3Errors.PostNotMultipart());
        }
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).ToString();
        // RFC 2046: 1 to 70 characters.
        if (boundary.Length is 0 or > 70) throw new S3Exception(S3Errors.MalformedPostRequest());
        return boundary;
    }

    static async Task<MultipartSection?> NextSectionAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadNextSectionAsync(cancellationToken);
        }
        catch (InvalidDataException e) when (e.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase))
        {
            // A header line, header block or preamble longer than the whole pre-file budget.
            throw new S3Exception(S3Errors.MaxPostPreDataLengthExceeded());
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException)
        {
            throw new S3Exception(S3Errors.MalformedPostRequest());
        }
    }

    internal static (string Name, string? FileName) Disposition(MultipartSection section)
    {
        if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
            || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(disposition.Name).ToString() is not { Length: > 0 } name)
        {
            throw new S3Exception(S3Errors.MalformedPostRequest());
        }
        // null when the part has no filename parameter at all: ${filename} then stays literal [REC].
        string? fileName = disposition.FileName.HasValue ? HeaderUtilities.RemoveQuotes(disposition.FileName).ToString()
            : disposition.FileNameStar.HasValue ? disposition.FileNameStar.ToString()
            : null;
        return (name, fileName);
    }

    static int HeaderBytes(MultipartSection section)
    {
        var total = 0;
        foreach (var (name, values) in section.Headers ?? [])
        {
            foreach (var value in values) total += Encoding.UTF8.GetByteCount(name) + 2 + Encoding.UTF8.GetByteCount(value ?? "") + 2;
        }
        return total;
    }

    /// <summary>
    /// Reads at most budget + 1 bytes into <paramref name="buffer"/> (one pooled buffer for the whole form, as large
    /// as the pre-data budget), so a huge field is refused without being buffered.
    /// </summary>
    static async Task<string> ReadValueAsync(Stream body, byte[] buffer, long budget, CancellationToken cancellationToken)
    {
        var limit = (int)Math.Min(Math.Max(0, budget) + 1, buffer.Length);
        var length = 0;
        try
        {
            int read;
            while (length < limit && (read = await body.ReadAsync(buffer.AsMemory(length, limit - length), cancellationToken)) > 0)
            {
                length += read;
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            throw new S3Exception(S3Errors.MalformedPostRequest());
        }
        if (length >= limit) throw new S3Exception(S3Errors.MaxPostPreDataLengthExceeded());
        // Form fields are UTF-8 [DOC]; read leniently, key=%FF and key=%FE would both be the key "\uFFFD".
        if (!System.Text.Unicode.Utf8.IsValid(buffer.AsSpan(0, length)))
            throw new S3Exception(S3Errors.MalformedPostRequest().WithExplanation("A form field before the file is not UTF-8 text."));
        return Encoding.UTF8.GetString(buffer, 0, length);
    }
}
