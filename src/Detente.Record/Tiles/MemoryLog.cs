using Detente.Record.Merkle;

namespace Detente.Record.Tiles;

/// <summary>An append-only log held in memory: entries and their Merkle tree. Useful for tests, demos and exports.</summary>
public sealed class MemoryLog : IEntrySource
{
    private readonly List<byte[]> _entries = [];
    private readonly MerkleTree _tree = new();

    /// <inheritdoc/>
    public long Size => _tree.Size;

    /// <summary>Appends an entry and returns its index.</summary>
    public long Append(ReadOnlySpan<byte> entry)
    {
        _entries.Add(entry.ToArray());
        return _tree.AppendEntry(entry);
    }

    /// <inheritdoc/>
    public byte[] Entry(long index) => _entries[checked((int)index)];

    /// <inheritdoc/>
    public MerkleHash Node(int level, long index) => _tree.Node(level, index);

    /// <summary>The root hash of the first <paramref name="size"/> entries.</summary>
    public MerkleHash RootHash(long size) => _tree.RootHash(size);
}
