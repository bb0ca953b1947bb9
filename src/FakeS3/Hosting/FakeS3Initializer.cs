using FakeS3.Cors;
using FakeS3.Storage;
using Microsoft.Extensions.Options;

namespace FakeS3.Hosting;

/// <summary>Start-up work before traffic: clean blobs of interrupted uploads, create configured buckets.</summary>
internal sealed class FakeS3Initializer(IObjectStore store, LiteDbBlobStore blobs, IOptions<FakeS3Options> options, TimeProvider time)
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
            var bucket = new BucketRecord { Id = name, CreationDate = time.GetUtcNow().UtcDateTime, Region = options.Value.Region };
            if (options.Value.BucketAcls.TryGetValue(name, out var acl)) bucket.Acl = acl;
            if (options.Value.Cors.TryGetValue(name, out var rules))
            {
                bucket.CorsXml = new CorsConfiguration(rules.Select(r => new CorsRule(
                    r.AllowedOrigins, r.AllowedMethods, r.AllowedHeaders, r.ExposeHeaders, r.MaxAgeSeconds)).ToList()).Render();
            }
            if (store.CreateBucket(bucket) == StoreStatus.BucketAlreadyExists && (bucket.CorsXml is not null || acl is not null))
            {
                // configuration wins over what a previous run stored
                var existing = store.GetBucket(name)!;
                existing.CorsXml = bucket.CorsXml ?? existing.CorsXml;
                existing.Acl = acl ?? existing.Acl;
                store.UpdateBucket(existing);
            }
        }
    }
}
