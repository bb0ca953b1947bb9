using System.Diagnostics;
using System.Globalization;

namespace FakeS3.Storage;

/// <summary>
/// Whether the machine's cores are (nearly) all busy, from Linux's /proc/stat sampled at most every 50 ms:
/// what <see cref="UploadPacer"/> asks before making an upload yield. The run queue of the OS, not the thread
/// pool's queue, is where requests wait for a core (the pool's queue was empty at almost every check while GETs
/// waited). Elsewhere: whether the thread pool has queued work.
/// </summary>
internal sealed class CpuPressure
{
    const double BusyFraction = 0.9;
    static readonly TimeSpan Window = TimeSpan.FromMilliseconds(50);
    const string StatPath = "/proc/stat";

    readonly object _gate = new();
    long _sampledAt;
    long _busy, _total;
    bool _high;
    readonly bool _procStat = File.Exists(StatPath);

    public bool IsHigh()
    {
        if (!_procStat) return ThreadPool.PendingWorkItemCount > 0;
        if (Stopwatch.GetElapsedTime(Volatile.Read(ref _sampledAt)) < Window) return Volatile.Read(ref _high);
        lock (_gate)
        {
            if (Stopwatch.GetElapsedTime(_sampledAt) < Window) return _high;
            if (!TryRead(out var busy, out var total)) return _high = ThreadPool.PendingWorkItemCount > 0;
            var (dBusy, dTotal) = (busy - _busy, total - _total);
            (_busy, _total) = (busy, total);
            Volatile.Write(ref _sampledAt, Stopwatch.GetTimestamp());
            return _high = dTotal > 0 && dBusy >= BusyFraction * dTotal;
        }
    }

    /// <summary>The first line: "cpu user nice system idle iowait irq softirq steal ..." in clock ticks.</summary>
    static bool TryRead(out long busy, out long total)
    {
        busy = total = 0;
        try
        {
            using var reader = new StreamReader(StatPath);
            var fields = reader.ReadLine()?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields is null || fields.Length < 5 || fields[0] != "cpu") return false;
            for (var i = 1; i < Math.Min(fields.Length, 9); i++)
            {
                if (!long.TryParse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)) return false;
                total += ticks;
                if (i is not (4 or 5)) busy += ticks; // idle, iowait
            }
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
