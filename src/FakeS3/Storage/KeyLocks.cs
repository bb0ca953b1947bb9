namespace FakeS3.Storage;

/// <summary>
/// Striped locks by bucket and key. A commit holds the stripes of the keys it replaces or deletes while it
/// frees their old blobs and publishes the new record; a reader takes its key's stripe to check that the record
/// it holds is still current and to lease its blobs. So readers of other keys never wait for a writer, and a
/// blob is never freed between a reader finding it and leasing it. Order: stripes before the database lock.
/// </summary>
internal sealed class KeyLocks
{
    const int Stripes = 64;
    readonly object[] _locks = Enumerable.Range(0, Stripes).Select(_ => new object()).ToArray();

    public object For(string recordId) => _locks[Index(recordId)];

    static int Index(string recordId) => (int)((uint)StringComparer.Ordinal.GetHashCode(recordId) % Stripes);

    /// <summary>Takes the stripes of several keys in index order (no deadlock between two writers).</summary>
    public Held Enter(IEnumerable<string> recordIds)
    {
        var indices = recordIds.Select(Index).Distinct().Order().ToArray();
        var taken = 0;
        try
        {
            foreach (var i in indices)
            {
                Monitor.Enter(_locks[i]);
                taken++;
            }
        }
        catch
        {
            for (var j = taken - 1; j >= 0; j--) Monitor.Exit(_locks[indices[j]]);
            throw;
        }
        return new Held(this, indices);
    }

    public readonly struct Held(KeyLocks owner, int[] indices) : IDisposable
    {
        public void Dispose()
        {
            for (var j = indices.Length - 1; j >= 0; j--) Monitor.Exit(owner._locks[indices[j]]);
        }
    }
}
