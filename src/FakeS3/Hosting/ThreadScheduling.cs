using System.Runtime.InteropServices;

namespace FakeS3.Hosting;

/// <summary>
/// The FakeS3 executable (FakeS3:BatchScheduling, default on, Linux only) runs its own storage threads (group commit,
/// checkpoint, blob collector) under Linux's SCHED_BATCH policy: same priority and share of the CPU, but a wakeup of
/// one of them does not preempt the thread running on that core. The group-commit thread wakes for every upload; on
/// a machine whose cores are all busy (the load generator beside the server), each wakeup preempted a request
/// thread, and the switches cost more than the work (issue 14, POST 4 KiB: 2.1 context switches and 47 us of server
/// CPU per request). Alternating runs on 2 cores: POST 4 KiB +8% to +9%, GET 4 KiB and PUT 64 KiB unchanged. The
/// runtime's socket event thread under SCHED_BATCH too gave POST another +9%, but then a GET's wakeup waited for a
/// running upload's time slice: GETs during four 64 MiB PUT streams kept 0.50 of their rate alone in a full
/// load/compare.sh run (0.61 without), against 0.69-0.81 with the storage threads alone (runner get-during-put).
/// Request and socket threads keep the normal policy, and a process that hosts FakeS3 as a library is left alone.
/// </summary>
internal static class ThreadScheduling
{
    const int SchedBatch = 3;

    /// <summary>
    /// Thread names as Linux shows them (15 bytes): FakeS3's threads that wake per upload or in the background. Not
    /// the thread that writes large uploads' chunk groups (StoreThread): in GET 4 KiB during four 64 MiB PUT streams
    /// it made no clear difference, and those uploads are paced anyway.
    /// </summary>
    static readonly string[] ServerThreads = ["FakeS3 group co", "FakeS3 checkpoi", "FakeS3 blob col"];

    static volatile bool s_enabled;

    /// <summary>From now on, and for the server threads that exist already.</summary>
    public static void Enable()
    {
        if (!OperatingSystem.IsLinux()) return;
        s_enabled = true;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (ServerThreads.Contains(File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n')) && int.TryParse(Path.GetFileName(task), out var tid))
                    TrySet(tid);
            }
            catch (IOException)
            {
                // the thread ended meanwhile
            }
        }
    }

    /// <summary>Called by FakeS3's own threads as they start (a store opened after <see cref="Enable"/>).</summary>
    public static void ForCurrentThread()
    {
        if (s_enabled) TrySet(0);
    }

    static void TrySet(int tid)
    {
        var param = new SchedParam();
        try
        {
            _ = sched_setscheduler(tid, SchedBatch, ref param); // a refusal (seccomp, another OS) leaves the default
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            s_enabled = false;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    struct SchedParam
    {
        public int Priority;
    }

    [DllImport("libc", SetLastError = true)]
    static extern int sched_setscheduler(int pid, int policy, ref SchedParam param);
}
