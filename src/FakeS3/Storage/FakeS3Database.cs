using FakeS3.Hosting;
using LiteDB;
using Microsoft.Extensions.Options;

namespace FakeS3.Storage;

/// <summary>
/// The one LiteDB instance. Ordinal collation: S3 keys are case-sensitive and list in binary order, while
/// LiteDB's default collation ignores case.
/// </summary>
internal sealed class FakeS3Database : IDisposable
{
    public const string MemoryPath = ":memory:";

    public FakeS3Database(IOptions<FakeS3Options> options)
    {
        var path = options.Value.DataPath;
        if (path != MemoryPath)
        {
            path = Path.GetFullPath(path);
            var dir = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        }
        FilePath = path;
        var connection = new ConnectionString
        {
            Filename = path,
            Connection = ConnectionType.Direct,
            Collation = new Collation("en-US/Ordinal"),
        };
        var mapper = new BsonMapper { EnumAsInteger = false };
        mapper.Entity<BucketRecord>().Id(b => b.Id, autoId: false);
        mapper.Entity<ObjectRecord>().Id(o => o.Id, autoId: false);
        mapper.Entity<MultipartUploadRecord>().Id(u => u.Id, autoId: false);
        mapper.Entity<PartRecord>().Id(p => p.Id, autoId: false);
        Db = new LiteDatabase(connection, mapper);
        Buckets = Db.GetCollection<BucketRecord>("buckets");
        Objects = Db.GetCollection<ObjectRecord>("objects");
        Uploads = Db.GetCollection<MultipartUploadRecord>("uploads");
        Parts = Db.GetCollection<PartRecord>("parts");
        Chunks = Db.GetCollection("blobchunks");
        PendingBlobs = Db.GetCollection("pendingblobs");
    }

    public string FilePath { get; }
    public LiteDatabase Db { get; }
    public ILiteCollection<BucketRecord> Buckets { get; }
    public ILiteCollection<ObjectRecord> Objects { get; }
    public ILiteCollection<MultipartUploadRecord> Uploads { get; }
    public ILiteCollection<PartRecord> Parts { get; }
    public ILiteCollection<BsonDocument> Chunks { get; }
    /// <summary>Blobs being written. Left over after a crash, they are deleted at start.</summary>
    public ILiteCollection<BsonDocument> PendingBlobs { get; }

    /// <summary>
    /// Every LiteDB call goes through this one lock. LiteDB 5.0.21 broke under concurrent readers and writers
    /// here (64 MiB GETs beside PUTs: "pages in memory store must be non-shared", after which the engine refuses
    /// all work), and its transactions are per thread anyway. Calls are short: a chunk, a record, a commit.
    /// </summary>
    public object Lock { get; } = new();

    public void Dispose() => Db.Dispose();
}
