using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace FakeS3.Signing;

/// <summary>
/// What a verifier needs from a request, with the path and query exactly as sent: the canonical URI must
/// be computed from the bytes the client signed, never from decoded route values (spec §1.3).
/// </summary>
internal sealed class SignableRequest
{
    readonly IHeaderDictionary _headers;
    ParsedQuery? _query;

    public SignableRequest(string method, string rawPath, string rawQuery, IEnumerable<(string Name, string Value)> headers,
        string? virtualHostBucket = null)
    {
        var dictionary = new HeaderDictionary();
        foreach (var (name, value) in headers)
            dictionary[name] = StringValues.Concat(dictionary[name], value);
        Method = method;
        RawPath = rawPath.Length == 0 ? "/" : rawPath;
        RawQuery = rawQuery.StartsWith('?') ? rawQuery[1..] : rawQuery;
        _headers = dictionary;
        VirtualHostBucket = virtualHostBucket;
    }

    SignableRequest(string method, string rawPath, string rawQuery, IHeaderDictionary headers, string? virtualHostBucket)
    {
        Method = method;
        RawPath = rawPath.Length == 0 ? "/" : rawPath;
        RawQuery = rawQuery;
        _headers = headers;
        VirtualHostBucket = virtualHostBucket;
    }

    public string Method { get; }

    /// <summary>The request target's path before '?', still percent-encoded as received.</summary>
    public string RawPath { get; }

    /// <summary>The request target's query after '?', without the '?'.</summary>
    public string RawQuery { get; }

    /// <summary>Bucket named by the Host (virtual-hosted style), set by the HTTP edge; SigV2 needs it.</summary>
    public string? VirtualHostBucket { get; }

    public string Host => Header("Host") ?? "";

    public ParsedQuery Query => _query ??= ParsedQuery.Parse(RawQuery);

    /// <summary>Case-insensitive lookup; a repeated header's values are joined with ',' (spec §1.5).</summary>
    public string? Header(string name)
    {
        var values = _headers[name];
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => string.Join(',', values.ToArray()),
        };
    }

    /// <summary>Each value of a header as received (a repeated header has several; one value is never split at commas).</summary>
    public StringValues HeaderValues(string name) => _headers[name];

    /// <summary>Walks the headers (IHeaderDictionary.Keys builds a new set on every call).</summary>
    public IEnumerable<string> HeaderNames
    {
        get
        {
            foreach (var header in _headers) yield return header.Key;
        }
    }

    public static SignableRequest From(HttpRequest request, string? virtualHostBucket = null)
    {
        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        string path, query;
        if (!string.IsNullOrEmpty(rawTarget) && rawTarget[0] == '/')
        {
            var q = rawTarget.IndexOf('?');
            path = q < 0 ? rawTarget : rawTarget[..q];
            query = q < 0 ? "" : rawTarget[(q + 1)..];
        }
        else
        {
            path = (request.PathBase + request.Path).ToUriComponent();
            query = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        }
        return new SignableRequest(request.Method, path, query, request.Headers, virtualHostBucket);
    }

    /// <summary>From a raw path and query the HTTP edge already split off the request target (no second copy).</summary>
    public static SignableRequest From(HttpRequest request, string rawPath, string rawQuery, string? virtualHostBucket) =>
        new(request.Method, rawPath, rawQuery, request.Headers, virtualHostBucket);
}
