using System.Globalization;
using FakeS3.Errors;
using FakeS3.Storage;

namespace FakeS3.Http.Objects;

/// <summary>GetObject and HeadObject: preconditions, Range / partNumber, response-* overrides, checksum mode.</summary>
public sealed class GetObjectEndpoint : IS3Endpoint
{
    static readonly (string Query, string Header)[] Overrides =
    [
        ("response-content-type", "Content-Type"), ("response-content-language", "Content-Language"),
        ("response-expires", "Expires"), ("response-cache-control", "Cache-Control"),
        ("response-content-disposition", "Content-Disposition"), ("response-content-encoding", "Content-Encoding"),
    ];

    public IEnumerable<(S3Operation, Func<S3RequestContext, Task>)> Operations =>
        [(S3Operation.GetObject, HandleAsync), (S3Operation.HeadObject, HandleAsync)];

    static async Task HandleAsync(S3RequestContext ctx)
    {
        while (!await TryHandleAsync(ctx))
        {
            // The version read first was replaced before its bytes were leased: serve the current one.
        }
    }

    static async Task<bool> TryHandleAsync(S3RequestContext ctx)
    {
        var obj = ctx.RequireObjectForRead();
        VersionIds.RequireNullOrAbsent(ctx);
        var overrides = ResponseOverrides(ctx);
        if (Preconditions.Evaluate(ctx.Request.Headers, obj, ctx.Now) == PreconditionResult.NotModified)
        {
            ctx.Response.StatusCode = 304;
            ctx.Response.Headers.ETag = obj.ETag;
            ctx.Response.Headers.LastModified = Formats.Rfc1123(obj.LastModified);
            return true;
        }
        var range = SelectRange(ctx, obj, out var partNumber);
        var offset = range?.Offset ?? 0;
        var length = range?.Length ?? obj.Size;
        // Opened before any header is written: a snapshot of this version, whatever is committed meanwhile.
        await using var body = ctx.Operation == S3Operation.HeadObject || length == 0 || obj.Inline is not null ? null : ctx.Store.OpenRead(obj, offset, length);
        if (body is null && !(ctx.Operation == S3Operation.HeadObject || length == 0 || obj.Inline is not null))
        {
            ctx.Response.Headers.Remove("x-amz-mp-parts-count");
            return false;
        }
        var whole = range is null && partNumber is null;
        var checksumMode = ctx.Header("x-amz-checksum-mode") == "ENABLED";
        ObjectResponseWriter.WriteHeaders(ctx.Response, obj, whole && checksumMode);
        if (checksumMode && partNumber is { } n && obj.PartsCount is not null && obj.Segments[n - 1].Checksum is { } partChecksum)
        {
            // One part of a COMPOSITE object: that part's own checksum [2ND Swift s3api against AWS].
            ctx.Response.Headers["x-amz-checksum-" + obj.ChecksumAlgorithm!.ToLowerInvariant()] = partChecksum;
            ctx.Response.Headers["x-amz-checksum-type"] = obj.ChecksumType;
        }
        foreach (var (header, value) in overrides) ctx.Response.Headers[header] = value;
        if (range is not null)
        {
            ctx.Response.StatusCode = 206;
            ctx.Response.Headers.ContentRange = $"bytes {offset}-{offset + length - 1}/{obj.Size}";
        }
        else
        {
            ctx.Response.StatusCode = 200;
        }
        ctx.Response.ContentLength = length;
        if (ctx.Operation == S3Operation.HeadObject || length == 0) return true;
        if (obj.Inline is { } inline)
        {
            // A small object's bytes are in its record already: no stream, no copy buffer.
            await ctx.Response.Body.WriteAsync(inline.AsMemory((int)offset, (int)length), ctx.Http.RequestAborted);
            return true;
        }
        await body!.CopyToAsync(ctx.Response.Body, 64 * 1024, ctx.Http.RequestAborted);
        return true;
    }

    static ByteRange? SelectRange(S3RequestContext ctx, ObjectRecord obj, out int? partNumber)
    {
        partNumber = null;
        var rangeHeader = ctx.Header("Range");
        if (ctx.Query["partNumber"] is not { } pn) return ByteRange.Parse(rangeHeader, obj.Size);
        if (rangeHeader is not null) throw new S3Exception(S3Errors.RangeWithPartNumber());
        if (!int.TryParse(pn, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 10000)
            throw new S3Exception(S3Errors.InvalidPartNumber(pn));
        var segments = obj.PartsCount is null ? [new BlobSegment { Size = obj.Size }] : obj.Segments;
        // Past the last part: 416 InvalidPartNumber, not InvalidRange [2ND: four S3 emulators' tables quoting S3].
        if (n > segments.Count)
        {
            throw new S3Exception(S3Errors.PartNumberNotSatisfiable(n, segments.Count)
                .WithExplanation($"partNumber={n} but the object has {segments.Count} part(s)."));
        }
        partNumber = n;
        if (obj.PartsCount is null) return null;
        var start = segments.Take(n - 1).Sum(s => s.Size);
        ctx.Response.Headers["x-amz-mp-parts-count"] = segments.Count.ToString(CultureInfo.InvariantCulture);
        return new ByteRange(start, segments[n - 1].Size);
    }

    static List<(string Header, string Value)> ResponseOverrides(S3RequestContext ctx)
    {
        var list = new List<(string, string)>();
        foreach (var (query, header) in Overrides)
        {
            if (ctx.Query[query] is not { } value) continue;
            // Overrides need a signed request [WIRE spec §6.2].
            if (ctx.IsAnonymous) throw new S3Exception(S3Errors.ResponseOverrideAnonymous());
            HeaderValue.Validate(query, value);
            list.Add((header, value));
        }
        return list;
    }
}
