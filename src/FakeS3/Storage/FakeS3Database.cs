using FakeS3.Hosting;
using LiteDB;
using Microsoft.Extensions.Options;

namespace FakeS3.Storage;

/// <summary>
/// The one LiteDB instance. Ordinal collation: S3 keys are case-sensitive and list in binary order, while
/// LiteDB's default collation ignores case.
/// </summary>
public sealed class FakeS3Database : IDisposable
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
        // Strings byte-exact: LiteDB's defaults trim whitespace and store "" as null, which turned a key " lead"
        // into "lead" and a key " " into a null that broke every listing of its bucket.
        var mapper = new BsonMapper { EnumAsInteger = false, TrimWhitespace = false, EmptyStringToNull = false };
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
        Objects.EnsureIndex(o => o.SortKey);
        Uploads.EnsureIndex(u => u.SortKey);
        AddSortKeys();
    }

    /// <summary>Data files written before listings used sort keys get them once (records without one index as null).</summary>
    void AddSortKeys()
    {
        foreach (var o in Objects.Find(Query.EQ(nameof(ObjectRecord.SortKey), BsonValue.Null)).ToList())
        {
            o.SortKey = SortKey.For(o.Bucket, o.Key);
            Objects.Update(o);
        }
        foreach (var u in Uploads.Find(Query.EQ(nameof(MultipartUploadRecord.SortKey), BsonValue.Null)).ToList())
        {
            u.SortKey = SortKey.For(u.Bucket, u.Key);
            Uploads.Update(u);
        }
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
