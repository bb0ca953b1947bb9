using System.Buffers;
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

    public static async Task<PostUpload> ReadAsync(string? contentType, Stream body, CancellationToken cancellationToken = default)
    {
        var boundary = Boundary(contentType);
        var reader = new MultipartReader(boundary, body)
        {
            HeadersCountLimit = 1000, // bounded by the byte budget below instead
            HeadersLengthLimit = MaxPreDataLength + 1,
        };
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
