namespace FakeS3.Diagnostics;

/// <summary>
/// The last <see cref="Capacity"/> S3 requests in a ring buffer (older ones drop off), thread-safe. Read it
/// in-process (FakeS3Host.Requests) or through GET /_fakes3/requests.
/// </summary>
public sealed class RequestLog
{
    /// <summary>Entries kept by default.</summary>
    public const int DefaultCapacity = 1000;

    readonly RequestLogEntry?[] _ring;
    readonly Lock _gate = new();
    int _next;
    int _count;

    /// <summary>A log of the last <see cref="DefaultCapacity"/> requests.</summary>
    public RequestLog() : this(DefaultCapacity) { }

    /// <summary>A log of the last <paramref name="capacity"/> requests.</summary>
    public RequestLog(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new RequestLogEntry?[capacity];
    }

    /// <summary>How many entries the log keeps.</summary>
    public int Capacity => _ring.Length;

    /// <summary>Records a request (FakeS3 does this for every S3 request).</summary>
    public void Add(RequestLogEntry entry)
    {
        lock (_gate)
        {
            _ring[_next] = entry;
            _next = (_next + 1) % _ring.Length;
            if (_count < _ring.Length) _count++;
        }
    }

    /// <summary>Newest first; optionally only rejections, at most <paramref name="limit"/> entries.</summary>
    public IReadOnlyList<RequestLogEntry> Snapshot(bool rejectedOnly = false, int? limit = null)
    {
        var max = limit ?? int.MaxValue;
        var result = new List<RequestLogEntry>();
        lock (_gate)
        {
            for (var i = 1; i <= _count && result.Count < max; i++)
            {
                var entry = _ring[(_next - i + _ring.Length) % _ring.Length]!;
                if (!rejectedOnly || entry.Rejected) result.Add(entry);
            }
        }
        return result;
    }

    /// <summary>The newest entry, or null when the log is empty.</summary>
    public RequestLogEntry? Latest => Snapshot(limit: 1).FirstOrDefault();

    /// <summary>Forgets every entry (DELETE /_fakes3/requests).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            Array.Clear(_ring);
            _next = 0;
            _count = 0;
        }
    }
}
