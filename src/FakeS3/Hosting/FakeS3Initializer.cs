using FakeS3.Storage;
using Microsoft.Extensions.Options;

namespace FakeS3.Hosting;

/// <summary>Start-up work before traffic: clean blobs of interrupted uploads, create configured buckets.</summary>
public sealed class FakeS3Initializer(IObjectStore store, LiteDbBlobStore blobs, IOptions<FakeS3Options> options, TimeProvider time)
{
    public int AbandonedBlobsCollected { get; private set; }

    public void Initialize()
    {
        AbandonedBlobsCollected = blobs.CollectAbandoned();
        CreateConfiguredBuckets();
    }

    /// <summary>Deletes every bucket and object, then re-creates the configured buckets (admin reset, FakeS3Host.Reset).</summary>
    public void ResetStore()
    {
        store.Reset();
        CreateConfiguredBuckets();
    }

    public void CreateConfiguredBuckets()
    {
        foreach (var name in options.Value.Buckets)
        {
            store.CreateBucket(new BucketRecord { Id = name, CreationDate = time.GetUtcNow().UtcDateTime, Region = options.Value.Region });
        }
    }
}
