using FakeS3.Errors;
using FakeS3.Policy;
using Microsoft.AspNetCore.WebUtilities;

namespace FakeS3.Form;

/// <summary>
/// What <see cref="MultipartFormReader"/> found: the fields before the file part (with <c>${filename}</c>
/// already substituted), the file part's filename parameter and Content-Type, and its content as a stream.
/// </summary>
internal sealed class PostUpload
{
    /// <summary>How much of what follows the file part is scanned for a second file before giving up.</summary>
    const int MaxTrailingParts = 32;
    const long MaxTrailingPartLength = 64 * 1024;

    readonly MultipartReader? _reader;

    /// <summary><paramref name="reader"/>: the general reader the form came from; null when the file body is a <see cref="PipeFileBody"/>.</summary>
    internal PostUpload(MultipartReader? reader, PostForm form, string? fileName, string? fileContentType, Stream fileBody)
    {
        _reader = reader;
        Form = form;
        FileName = fileName;
        FileContentType = fileContentType;
        FileBody = fileBody;
    }

    public PostForm Form { get; }

    /// <summary>The file part's filename parameter; null when it had none.</summary>
    public string? FileName { get; }

    /// <summary>The file part's own Content-Type header. S3 stores the Content-Type form field instead [REC].</summary>
    public string? FileContentType { get; }

    /// <summary>The file content, streamed. A truncated body throws S3Exception(MalformedPOSTRequest) while reading.</summary>
    public Stream FileBody { get; }

    /// <summary>For a refusal before <see cref="FileBody"/> is read: see <see cref="PipeFileBody.DiscardIfReadBefore"/>.</summary>
    public void Refused()
    {
        if (FileBody is PipeFileBody pipe) pipe.DiscardIfReadBefore();
    }

    /// <summary>
    /// Call after <see cref="FileBody"/> was read to its end and before the object is committed. Parts after
    /// the file are ignored [DOC][WIRE], except a second <c>file</c> part → "POST requires exactly one file
    /// upload per request." [WIRE]. Only part headers are looked at; the scan is bounded
    /// (<see cref="MaxTrailingParts"/> parts of at most 64 KiB each), and a garbled tail ends it silently.
    /// </summary>
    public async Task EnsureSingleFileAsync(CancellationToken cancellationToken = default)
    {
        if (FileBody is not PipeFileBody { Finished: true }) await FileBody.CopyToAsync(Stream.Null, cancellationToken); // no-op when already consumed
        // The fast path hands the tail to the general reader only when the form did not simply end after the file.
        if ((_reader ?? (FileBody as PipeFileBody)?.Tail) is not { } reader) return;
        reader.BodyLengthLimit = MaxTrailingPartLength; // applies to the parts read from here on
        for (var i = 0; i < MaxTrailingParts; i++)
        {
            MultipartSection? section;
            try
            {
                section = await reader.ReadNextSectionAsync(cancellationToken);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or FormatException)
            {
                return;
            }
            if (section is null) return;
            string name;
            try
            {
                name = MultipartFormReader.Disposition(section).Name;
            }
            catch (S3Exception)
            {
                continue;
            }
            if (name.Equals("file", StringComparison.OrdinalIgnoreCase)) throw new S3Exception(S3Errors.PostFileCount());
        }
    }
}
