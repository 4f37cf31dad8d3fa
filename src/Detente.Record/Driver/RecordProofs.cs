using Detente.Record.Merkle;
using Detente.Record.Notes;
using Detente.Record.Proofs;

namespace Detente.Record.Driver;

/// <summary>Proofs over a stored log: inclusion proofs against a checkpoint, consistency proofs and tree views, read through the driver.</summary>
public static class RecordProofs
{
    /// <summary>The offline proof that entry <paramref name="index"/> is in the tree of the latest checkpoint.</summary>
    public static InclusionProofFile ProveInclusion(IRecordDriver driver, long index)
    {
        ArgumentNullException.ThrowIfNull(driver);
        return ProveInclusion(driver, index, driver.LatestCheckpoint() ?? throw new InvalidOperationException(RecordMessages.NoCheckpoint));
    }

    /// <summary>
    /// The offline proof that entry <paramref name="index"/> is in the tree of <paramref name="checkpoint"/> (a checkpoint of this log
    /// whose size the driver has integrated): for serving many proofs against one checkpoint without reading it again.
    /// </summary>
    public static InclusionProofFile ProveInclusion(IRecordDriver driver, long index, SignedNote checkpoint)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var size = Checkpoint.Parse(checkpoint.Text).Size;
        if (size > driver.Size)
        {
            throw new ArgumentException(RecordMessages.UnknownCheckpoint(size), nameof(checkpoint));
        }

        return InclusionProofFile.Create(Tree(driver, size), index, checkpoint);
    }

    /// <summary>The integrated tree at <paramref name="size"/> (at most the driver's size), for proofs with <see cref="MerkleProofs"/>.</summary>
    public static IMerkleNodeSource Tree(IRecordDriver driver, long size)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, driver.Size);
        return new TreeView(driver, size);
    }

    /// <summary>The consistency proof between two integrated tree sizes.</summary>
    public static ConsistencyProof ProveConsistency(IRecordDriver driver, long oldSize, long newSize)
    {
        ArgumentNullException.ThrowIfNull(driver);
        return ConsistencyProof.Create(driver, oldSize, newSize);
    }

    /// <summary>The stored tree at a size known to be integrated: nodes from the driver, the size from the caller.</summary>
    private sealed class TreeView(IRecordDriver driver, long size) : IMerkleNodeSource
    {
        public long Size => size;

        public MerkleHash Node(int level, long index) => driver.Node(level, index);
    }
}
