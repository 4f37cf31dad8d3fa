namespace Detente.Record.Merkle;

/// <summary>
/// An append-only Merkle tree held in memory: it keeps every complete subtree hash (about two per leaf),
/// so roots and proofs for any earlier size need no rehashing of entries.
/// </summary>
public sealed class MerkleTree : IMerkleNodeSource
{
    private readonly List<List<MerkleHash>> _levels = [[]];

    /// <inheritdoc/>
    public long Size => _levels[0].Count;

    /// <summary>Builds a tree from entries, hashing each as a leaf.</summary>
    public static MerkleTree FromEntries(IEnumerable<byte[]> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var tree = new MerkleTree();
        foreach (var entry in entries)
        {
            tree.AppendEntry(entry);
        }

        return tree;
    }

    /// <summary>Appends an entry (hashed as an RFC 6962 leaf) and returns its index.</summary>
    public long AppendEntry(ReadOnlySpan<byte> entry) => AppendLeafHash(RecordHashing.LeafHash(entry));

    /// <summary>Appends an already computed leaf hash and returns its index.</summary>
    public long AppendLeafHash(MerkleHash leafHash)
    {
        var index = _levels[0].Count;
        _levels[0].Add(leafHash);

        CarryUp(0);
        return index;
    }

    /// <summary>
    /// Keeps the invariant after a hash was added at <paramref name="level"/>: level l holds floor(Size / 2^l) hashes, each the root of
    /// a complete subtree, so a level that became even hashes its last pair into the level above, and so on upwards.
    /// </summary>
    private void CarryUp(int level)
    {
        while (_levels[level].Count % 2 == 0)
        {
            var row = _levels[level];
            var parent = RecordHashing.NodeHash(row[^2], row[^1]);
            if (_levels.Count == level + 1)
            {
                _levels.Add([]);
            }

            _levels[level + 1].Add(parent);
            level++;
        }
    }

    /// <summary>
    /// Appends a complete subtree of 2^k leaves (k ≥ 1) that starts at a multiple of its width, with every node inside it as
    /// <see cref="SubtreeLevels"/> computed them (on any thread): the same tree as appending the leaves one by one, with only the
    /// nodes above the subtree hashed here.
    /// </summary>
    /// <param name="levels">Level 0 the leaves, each next level half as long, the last one the subtree's root alone.</param>
    public void AppendSubtree(IReadOnlyList<MerkleHash[]> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var width = levels.Count > 0 ? levels[0].Length : 0;
        if (width < 2 || !long.IsPow2(width) || levels.Count != 1 + long.Log2(width) || Size % width != 0
            || levels.Select((row, l) => row.Length == width >> l).Contains(false))
        {
            throw new ArgumentException(RecordMessages.SubtreeMisaligned(width, Size), nameof(levels));
        }

        for (var l = 0; l < levels.Count; l++)
        {
            if (_levels.Count == l)
            {
                _levels.Add([]);
            }

            _levels[l].AddRange(levels[l]);
        }

        // Carry the subtree's root upwards.
        CarryUp(levels.Count - 1);
    }

    /// <summary>Every level of the complete subtree over <paramref name="leaves"/> (a power of two of them, at least 2), for <see cref="AppendSubtree"/>.</summary>
    public static IReadOnlyList<MerkleHash[]> SubtreeLevels(ReadOnlySpan<MerkleHash> leaves)
    {
        if (leaves.Length < 2 || !int.IsPow2(leaves.Length))
        {
            throw new ArgumentException(RecordMessages.SubtreeMisaligned(leaves.Length, 0), nameof(leaves));
        }

        var levels = new List<MerkleHash[]> { leaves.ToArray() };
        while (levels[^1].Length > 1)
        {
            var below = levels[^1];
            var row = new MerkleHash[below.Length / 2];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = RecordHashing.NodeHash(below[2 * i], below[(2 * i) + 1]);
            }

            levels.Add(row);
        }

        return levels;
    }

    /// <inheritdoc/>
    public MerkleHash Node(int level, long index)
    {
        if (level < 0 || level >= _levels.Count || index < 0 || index >= _levels[level].Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), RecordMessages.NodeOutOfRange(level, index, Size));
        }

        return _levels[level][(int)index];
    }

    /// <summary>The root hash of the first <paramref name="size"/> leaves.</summary>
    public MerkleHash RootHash(long size) => MerkleProofs.RootHash(this, size);

    /// <summary>The root hash of the whole tree.</summary>
    public MerkleHash RootHash() => MerkleProofs.RootHash(this, Size);
}
