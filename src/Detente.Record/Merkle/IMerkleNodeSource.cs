namespace Detente.Record.Merkle;

/// <summary>
/// Gives the hashes of complete subtrees of a log: <c>Node(level, index)</c> is the RFC 6962 hash of the 2^level leaves
/// starting at <c>index × 2^level</c>. Memory, a database or a tile directory can each be a source.
/// </summary>
public interface IMerkleNodeSource
{
    /// <summary>The number of leaves the source holds; nodes are available only for complete subtrees within it.</summary>
    long Size { get; }

    /// <summary>The hash of the complete subtree at <paramref name="level"/> and <paramref name="index"/>; the subtree must lie within <see cref="Size"/>.</summary>
    MerkleHash Node(int level, long index);
}
