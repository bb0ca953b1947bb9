namespace FakeS3.Storage;

/// <summary>
/// FakeS3's own up-front refusal of an upload for want of disk room (<see cref="DiskRoom"/>): a disk-full IOException
/// for the HTTP edge (503), thrown before anything was written, so the store needs no recovery and the reserve stays
/// for a disk that another program fills to the last byte.
/// </summary>
internal sealed class UploadRefusedException(string message) : IOException(message, ENOSPC)
{
    const int ENOSPC = 28;
}
