using Microsoft.AspNetCore.Http;

namespace FakeS3.Http;

/// <summary>
/// S3 limits the request header section to 8 KiB (RequestHeaderSectionTooLarge, MaxSizeAllowed 8192). Kestrel's own
/// limit is raised above it (FakeS3WebHostExtensions) so the client gets S3's XML error, not a bare 431.
/// </summary>
internal static class HeaderSection
{
    public const int MaxBytes = 8192;

    public static int Size(IHeaderDictionary headers)
    {
        var size = 0;
        foreach (var (name, values) in headers)
        {
            foreach (var v in values) size += name.Length + 2 + (v?.Length ?? 0) + 2;
        }
        return size;
    }
}
