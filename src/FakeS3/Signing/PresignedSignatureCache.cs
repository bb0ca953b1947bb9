using FakeS3.Caching;

namespace FakeS3.Signing;

/// <summary>
/// Presigned URLs are fetched again and again (an image, a download link, a load test). The signature is a
/// pure function of the method, raw path, raw query, signed header values and secret, so a URL whose
/// signature matched once is not canonicalised and hashed again: its computation is reused. Only that work
/// is skipped: every request still goes through the parameter, access key, expiry and unsigned-header checks
/// and the constant-time comparison. Only matching signatures are kept.
/// </summary>
internal sealed class PresignedSignatureCache
{
    readonly BoundedCache<Key, SigV4Computation> _entries = new(4096);

    public readonly record struct Key(string Method, string RawPath, string RawQuery, string SignedHeaderValues, string Secret);

    public static Key KeyFor(SignableRequest request, IReadOnlyList<string> signedHeaderNames, string secretAccessKey)
    {
        // One signed header (host, as every SDK presigns) needs no joined string.
        var values = signedHeaderNames.Count == 1
            ? request.Header(signedHeaderNames[0]) ?? "\0"
            : string.Join('\n', signedHeaderNames.Select(n => request.Header(n) ?? "\0"));
        return new Key(request.Method, request.RawPath, request.RawQuery, values, secretAccessKey);
    }

    public SigV4Computation? Get(Key key) => _entries.TryGet(key, out var computed) ? computed : null;

    public void Add(Key key, SigV4Computation matched) => _entries.Add(key, matched);
}
