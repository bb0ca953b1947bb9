namespace FakeS3.Storage;

/// <summary>Classifies storage exceptions for the HTTP edge (which picks the S3 error).</summary>
internal static class StorageFault
{
    const int ENOSPC = 28;
    const int ErrorDiskFull = 0x70; // Windows ERROR_DISK_FULL
    const int ErrorHandleDiskFull = 0x27;

    /// <summary>True when <paramref name="e"/> or an inner exception is the file system running out of space.</summary>
    public static bool IsDiskFull(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is IOException io && ((io.HResult & 0xFFFF) is ENOSPC or ErrorDiskFull or ErrorHandleDiskFull
                || io.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase)))
                return true;
        }
        return false;
    }

    /// <summary>True when <paramref name="e"/> or an inner exception is FakeS3's own refusal (<see cref="UploadRefusedException"/>).</summary>
    public static bool IsRefusedUpload(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is UploadRefusedException) return true;
        }
        return false;
    }
}
