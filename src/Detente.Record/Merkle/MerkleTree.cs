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

        // Invariant: level l holds floor(Size / 2^l) hashes, each the root of a complete subtree.
        var level = 0;
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

        return index;
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
