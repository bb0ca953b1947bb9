using FakeS3.Storage;

namespace FakeS3.Tests.Durability;

/// <summary>Another program filling the disk: a file written until the file system refuses another byte.</summary>
static class DiskFiller
{
    /// <summary>Creates <paramref name="name"/> in <paramref name="dir"/> and writes until the disk is full; returns its path.</summary>
    public static string Fill(string dir, string name)
    {
        var path = Path.Combine(dir, name);
        var block = new byte[64 * 1024];
        using var f = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        try
        {
            while (true) f.Write(block);
        }
        catch (IOException e) when (StorageFault.IsDiskFull(e))
        {
            // full; smaller blocks take what is left
        }
        try
        {
            while (true) f.Write(block, 0, 4096);
        }
        catch (IOException e) when (StorageFault.IsDiskFull(e))
        {
            return path;
        }
    }
}
