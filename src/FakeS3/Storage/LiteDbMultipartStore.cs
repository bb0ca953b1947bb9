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
            SortKey = SortKey.For(template.Bucket, template.Key),
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

    /// <summary>
    /// One page of uploads with the prefix (a plain string), in UTF-8 key order then initiation order, after
    /// the key marker (and, for the marker's key, after the upload id marker), read by <see cref="KeyPage"/> like
    /// object listings: O(page + log n), a common prefix skipped with one seek. With a delimiter, uploads whose key
    /// holds it after the prefix are rolled into common prefixes, which count toward the page like uploads (as
    /// ListObjects); a key marker inside a common prefix resumes after that prefix.
    /// </summary>
    public UploadListing List(string bucket, string prefix, string? delimiter, string? keyMarker, string? uploadIdMarker, int maxUploads)
    {
        ListedUpload? markerUpload = null;
        if (keyMarker is not null && uploadIdMarker is not null)
        {
            MultipartUploadRecord? marked;
            lock (db.Lock) marked = db.Uploads.FindById(uploadIdMarker);
            markerUpload = marked is null ? null : ListedUpload.Of(marked);
        }
        Func<ListedUpload, bool>? resumes = markerUpload is null ? null : u => markerUpload.Key == u.Key && InKeyOrder(u, markerUpload) > 0;
        var (uploads, prefixes, truncated, last) = KeyPage.Read(
            (lo, hi, limit) => SortedRange.Read(db, () => db.UploadDocuments, ListedUpload.Fields, ListedUpload.From, u => u.SortKey, InKeyOrder, lo, hi, limit),
            static u => u.Key, static u => u.SortKey, bucket, prefix, delimiter, keyMarker, resumes, maxUploads);
        return new UploadListing(uploads, prefixes, truncated, last);
    }

    static int InKeyOrder(ListedUpload a, ListedUpload b)
    {
        var c = SortKey.Compare(a.Key, b.Key);
        if (c == 0) c = a.Initiated.CompareTo(b.Initiated);
        return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
    }

    /// <summary>Every part of the upload in part-number order.</summary>
    public IReadOnlyList<PartRecord> ListParts(string uploadId) => ListParts(uploadId, 0, 10_000);

    /// <summary>Up to <paramref name="max"/> parts numbered above <paramref name="after"/>, by an id range ("{uploadId}/{n:D5}").</summary>
    public IReadOnlyList<PartRecord> ListParts(string uploadId, int after, int max)
    {
        if (after >= 10_000 || max <= 0) return [];
        lock (db.Lock) return db.Parts.Find(PartRange(uploadId, after + 1), 0, max).ToList();
    }

    /// <summary>Plain id bounds, never a LIKE pattern: upload ids contain '_', a LIKE wildcard.</summary>
    internal static BsonExpression PartRange(string uploadId, int first) =>
        Query.Between("_id", PartRecord.MakeId(uploadId, first), PartRecord.MakeId(uploadId, 10_000));

    public StoreStatus CommitPart(PartRecord part, BlobWriter blob)
    {
        part.Id = PartRecord.MakeId(part.UploadId, part.PartNumber);
        part.BlobId = blob.BlobId;
        part.Size = blob.Size;
        db.EnsureRoomForUpload(blob.Buffered);
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
                db.TryRollback();
                throw;
            }
            return StoreStatus.Ok;
        }
    }

    /// <summary>Completes with the chosen parts (already validated by the caller) as the object's segments.</summary>
    /// <param name="condition">A conditional write (If-None-Match / If-Match), checked inside the commit; a refused one
    /// leaves the upload as it was.</param>
    public StoreStatus Complete(MultipartUploadRecord upload, ObjectRecord obj, IReadOnlyList<PartRecord> chosen, WriteCondition? condition = null)
    {
        obj.Segments = chosen.Select(p => new BlobSegment
        {
            BlobId = p.BlobId, Size = p.Size, Checksum = p.ChecksumAlgorithm == obj.ChecksumAlgorithm ? p.ChecksumValue : null,
        }).ToList();
        List<BlobSegment> large = [];
        var status = objects.CommitSegments(obj, () =>
        {
            if (db.Uploads.FindById(upload.Id) is null) throw new CommitRefusedException(StoreStatus.NoSuchUpload);
            // The parts as committed now, not as the caller listed them: an UploadPart committed in between (a retried
            // part number, a new one) freed a chosen blob, which the object would then reference (and an upload
            // taking it over would put its bytes there), or added one deleted below without being released (leaked).
            var current = db.Parts.Find(PartRange(upload.Id, 1)).ToList();
            var present = current.Select(p => p.BlobId).ToHashSet();
            if (!chosen.All(p => present.Contains(p.BlobId))) throw new CommitRefusedException(StoreStatus.PartsChanged);
            var keep = chosen.Select(p => p.BlobId).ToHashSet();
            db.Parts.DeleteMany(PartRange(upload.Id, 1));
            db.Uploads.Delete(upload.Id);
            large = blobs.Release(current.Where(p => !keep.Contains(p.BlobId)).Select(p => new BlobSegment { BlobId = p.BlobId, Size = p.Size }));
        }, condition);
        if (status == StoreStatus.Ok) blobs.CollectLater(large);
        return status;
    }

    public StoreStatus Abort(string uploadId)
    {
        db.MakeRoomForDelete();
        lock (db.Lock)
        {
            if (db.Uploads.FindById(uploadId) is null) return StoreStatus.NoSuchUpload;
            var parts = ListParts(uploadId).Select(p => new BlobSegment { BlobId = p.BlobId, Size = p.Size }).ToList();
            List<BlobSegment> large;
            db.Db.BeginTrans();
            try
            {
                db.Parts.DeleteMany(PartRange(uploadId, 1));
                db.Uploads.Delete(uploadId);
                large = blobs.Release(parts);
                db.Db.Commit();
            }
            catch
            {
                db.TryRollback();
                throw;
            }
            blobs.CollectLater(large);
            return StoreStatus.Ok;
        }
    }
}
