namespace FakeS3.Storage;

/// <summary>What a store operation found; the HTTP edge turns it into an S3 answer (Garnet's GarnetStatus).</summary>
internal enum StoreStatus
{
    Ok,
    NoSuchBucket,
    NoSuchKey,
    NoSuchUpload,
    BucketAlreadyExists,
    BucketNotEmpty,
    /// <summary>A conditional write found the key in the wrong state (<see cref="WriteCondition"/>).</summary>
    PreconditionFailed,
    /// <summary>CompleteMultipartUpload: an UploadPart committed after the parts were listed; list and check them again.</summary>
    PartsChanged,
}
