using System.Buffers.Binary;
using System.Text;

namespace FakeS3.Storage;

/// <summary>
/// Checks FakeS3:DataPath before LiteDB touches it: LiteDB silently re-initialises a file it does not recognise
/// and crashes or fails later on a damaged one. Only reads; an empty or absent file is left to LiteDB to create.
/// </summary>
internal static class DataFileCheck
{
    const int PageSize = 8192;
    // LiteDB 5 header page: "** This is a LiteDB file **" at 32, file version 8 at 59, last page id at 64.
    static readonly byte[] Signature = Encoding.ASCII.GetBytes("** This is a LiteDB file **");
    const int SignatureOffset = 32;
    const int VersionOffset = 59;
    const byte FileVersion = 8;
    const int LastPageIdOffset = 64;

    /// <summary>Throws <see cref="DataFileException"/> naming the setting, the path and what is wrong.</summary>
    public static void Run(string path)
    {
        var dir = Path.GetDirectoryName(path);
        try
        {
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail(path, $"its folder cannot be created ({e.Message})");
        }
        if (Directory.Exists(path)) throw Fail(path, "it is a folder, not a file");
        if (!File.Exists(path))
        {
            Probe(path, dir);
            return;
        }
        byte[] header = new byte[PageSize];
        long length;
        try
        {
            using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            length = f.Length;
            if (length == 0) return;
            f.ReadAtLeast(header, (int)Math.Min(PageSize, length), throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail(path, $"it cannot be read ({e.Message})");
        }
        if (length < SignatureOffset + Signature.Length || !header.AsSpan(SignatureOffset, Signature.Length).SequenceEqual(Signature))
            throw Fail(path, "it is not a LiteDB database (no LiteDB header); FakeS3 will not overwrite it. Point FakeS3:DataPath at a new file or delete this one");
        if (header[VersionOffset] != FileVersion)
            throw Fail(path, $"it is a LiteDB file of version {header[VersionOffset]}, not the version 8 (LiteDB 5) FakeS3 uses");
        var lastPage = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(LastPageIdOffset));
        if (length % PageSize != 0 || length < ((long)lastPage + 1) * PageSize)
            throw Fail(path, $"it is damaged: {length:N0} bytes, but its header describes {((long)lastPage + 1) * PageSize:N0} bytes in {PageSize}-byte pages (truncated?)");
        try
        {
            using var writable = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail(path, $"it cannot be opened for writing ({e.Message})");
        }
    }

    /// <summary>An absent file: its folder must accept a new file (probe file created and deleted).</summary>
    static void Probe(string path, string? dir)
    {
        var probe = Path.Combine(string.IsNullOrEmpty(dir) ? "." : dir, $".fakes3-probe-{Environment.ProcessId}");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail(path, $"a file cannot be created in its folder ({e.Message})");
        }
    }

    public static DataFileException Fail(string path, string what) => new($"FakeS3:DataPath '{path}': {what}.");
}

/// <summary>The data file cannot be used; the message is one line for the user (no stack trace needed).</summary>
internal sealed class DataFileException(string message, Exception? inner = null) : Exception(message, inner);
