using LiteDB;

namespace FakeS3.Storage;

/// <summary>Multipart uploads: parts are blobs; completion turns them into the object's segments without copying.</summary>
internal sealed class LiteDbMultipartStore(FakeS3Database db, LiteDbBlobStore blobs, LiteDbObjectStore objects)
{
    public MultipartUploadRecord Create(ObjectRecord template, DateTime now)
    {
        var upload = new MultipartUploadRecord
        {
            Id = Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_')
                 + Guid.NewGuid().ToString("N"),
            Bucket = template.Bucket,
            Key = template.Key,
            Initiated = now,
            Template = template,
        };
        lock (db.Lock) db.Uploads.Insert(upload);
        return upload;
    }

    public MultipartUploadRecord? Get(string bucket, string key, string uploadId)
    {
        MultipartUploadRecord? u;
        lock (db.Lock) u = db.Uploads.FindById(uploadId);
        return u is not null && u.Bucket == bucket && u.Key == key ? u : null;
    }

    public IReadOnlyList<MultipartUploadRecord> List(string bucket)
    {
        lock (db.Lock) return db.Uploads.Find(u => u.Bucket == bucket).OrderBy(u => u.Key, StringComparer.Ordinal).ThenBy(u => u.Initiated).ToList();
    }

    public IReadOnlyList<PartRecord> ListParts(string uploadId)
    {
        lock (db.Lock) return db.Parts.Find(Query.StartsWith("_id", uploadId + "/")).OrderBy(p => p.PartNumber).ToList();
    }

    public StoreStatus CommitPart(PartRecord part, BlobWriter blob)
    {
        part.Id = PartRecord.MakeId(part.UploadId, part.PartNumber);
        part.BlobId = blob.BlobId;
        part.Size = blob.Size;
        lock (db.Lock)
        {
            if (db.Uploads.FindById(part.UploadId) is null) return StoreStatus.NoSuchUpload;
            db.Db.BeginTrans();
            try
            {
                blob.WriteTailInTransaction();
                var previous = db.Parts.FindById(part.Id);
                db.Parts.Upsert(part);
                var large = previous is null ? [] : blobs.Release([new BlobSegment { BlobId = previous.BlobId, Size = previous.Size }]);
                db.Db.Commit();
                blob.Confirm();
                blobs.CollectLater(large);
            }
            catch
            {
                db.Db.Rollback();
                throw;
            }
            return StoreStatus.Ok;
        }
    }

    /// <summary>Completes with the chosen parts (already validated by the caller) as the object's segments.</summary>
    public StoreStatus Complete(MultipartUploadRecord upload, ObjectRecord obj, IReadOnlyList<PartRecord> chosen)
    {
        obj.Segments = chosen.Select(p => new BlobSegment
        {
            BlobId = p.BlobId, Size = p.Size, Checksum = p.ChecksumAlgorithm == obj.ChecksumAlgorithm ? p.ChecksumValue : null,
        }).ToList();
        var keep = chosen.Select(p => p.BlobId).ToHashSet();
        var unused = ListParts(upload.Id).Where(p => !keep.Contains(p.BlobId))
            .Select(p => new BlobSegment { BlobId = p.BlobId, Size = p.Size }).ToList();
        List<BlobSegment> large = [];
        var status = objects.CommitSegments(obj, () =>
        {
            if (db.Uploads.FindById(upload.Id) is null) throw new UploadGoneException();
            db.Parts.DeleteMany(Query.StartsWith("_id", upload.Id + "/"));
            db.Uploads.Delete(upload.Id);
            large = blobs.Release(unused);
        }, out var gone);
        if (gone) return StoreStatus.NoSuchUpload;
        if (status == StoreStatus.Ok) blobs.CollectLater(large);
        return status;
    }

    public StoreStatus Abort(string uploadId)
    {
        lock (db.Lock)
        {
            if (db.Uploads.FindById(uploadId) is null) return StoreStatus.NoSuchUpload;
            var parts = ListParts(uploadId).Select(p => new BlobSegment { BlobId = p.BlobId, Size = p.Size }).ToList();
            List<BlobSegment> large;
            db.Db.BeginTrans();
            try
            {
                db.Parts.DeleteMany(Query.StartsWith("_id", uploadId + "/"));
                db.Uploads.Delete(uploadId);
                large = blobs.Release(parts);
                db.Db.Commit();
            }
            catch
            {
                db.Db.Rollback();
                throw;
            }
            blobs.CollectLater(large);
            return StoreStatus.Ok;
        }
    }

    internal sealed class UploadGoneException : Exception;
}
