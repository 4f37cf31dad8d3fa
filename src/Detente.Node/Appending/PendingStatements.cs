using Detente.Storage;

namespace Detente.Node.Appending;

/// <summary>Statements appended but not yet integrated (by another process, or one that stopped between the two steps).</summary>
public static class PendingStatements
{
    /// <summary>Integrates every pending statement into the Merkle tree, <paramref name="batchSize"/> per transaction; returns how many.</summary>
    public static long Integrate(IRecordStore store, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var total = 0L;
        Integration step;
        do
        {
            step = store.Integrate(batchSize);
            total += step.Count;
        }
        while (step.Count == batchSize);

        return total;
    }
}
