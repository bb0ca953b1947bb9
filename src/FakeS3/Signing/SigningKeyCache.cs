using System.Collections.Concurrent;

namespace FakeS3.Signing;

/// <summary>
/// Derived keys change once a day per credential, so deriving four HMACs on every request is waste. The
/// secret is part of the key so a reconfigured secret never reuses a stale key. Bounded: cleared when large.
/// </summary>
internal sealed class SigningKeyCache
{
    const int MaxEntries = 4096;
    readonly ConcurrentDictionary<(string AccessKeyId, string Secret, string Date, string Region, string Service), byte[]> _keys = new();

    public byte[] Get(string accessKeyId, string secretAccessKey, string date, string region, string service)
    {
        var cacheKey = (accessKeyId, secretAccessKey, date, region, service);
        if (_keys.TryGetValue(cacheKey, out var key)) return key;
        if (_keys.Count >= MaxEntries) _keys.Clear();
        key = SigningKey.Derive(secretAccessKey, date, region, service);
        _keys[cacheKey] = key;
        return key;
    }
}
