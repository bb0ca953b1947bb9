using System.Collections;
using System.Reflection;
using LiteDB;

namespace FakeS3.Storage;

/// <summary>
/// LiteDB 5.0.21 finalizes a transaction that was never disposed by running its rollback's page cleanup on the
/// finalizer thread. After an I/O error (a full disk) that cleanup fails ("discarded page must be writable"), and an
/// exception on the finalizer thread ends the process: the test host crashed minutes after the disk-full tests, once
/// the engines they had dropped were collected. A transaction left open by a failed rollback dies with its engine
/// (the store reopens), so before an engine is let go its remaining transactions are taken off the finalizer queue.
/// The monitor's list is internal (no public API), hence reflection; if LiteDB changes shape, the engine is kept
/// reachable instead, so nothing of it is ever finalized.
/// </summary>
internal static class AbandonedTransactions
{
    static readonly List<object> Kept = [];

    public static void Release(LiteDatabase db)
    {
        if (!TrySuppress(db))
        {
            lock (Kept) Kept.Add(db);
        }
    }

    static bool TrySuppress(LiteDatabase db)
    {
        try
        {
            var engine = Field(db, "_engine");
            var monitor = engine is null ? null : Field(engine, "_monitor");
            if (monitor?.GetType().GetProperty("Transactions", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                    ?.GetValue(monitor) is not IEnumerable transactions)
            {
                return false;
            }
            foreach (var t in transactions.Cast<object>().ToList()) GC.SuppressFinalize(t);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    static object? Field(object owner, string name) =>
        owner.GetType().GetField(name, BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(owner);
}
