using Detente.Record.Merkle;

namespace Detente.Record.Tiles;

/// <summary>
/// Builds a log's hash tiles from its leaf hashes in one pass, in order, holding at most one partly filled tile per tile level
/// (256 hashes each): fed a bundle's leaves (and, for a full bundle, the root of its 256 entries), it hands every hash tile of
/// level 1 and above to a callback as soon as it is complete, then the partial tiles at the end, and gives the tree's root — or the
/// root of any prefix while the pass is at it. Level-0 tiles are the bundles' leaf hashes themselves, which the caller has.
/// </summary>
internal sealed class TileFold(Func<TileId, MerkleHash[], VerificationReport?> tile)
{
    private readonly List<List<MerkleHash>> _levels = [new(TileId.FullWidth)];

    /// <summary>How many leaves were fed.</summary>
    public long Leaves { get; private set; }

    /// <summary>Adds one bundle's leaf hashes; <paramref name="root"/> is their subtree root when the bundle is full (256).</summary>
    public VerificationReport? Add(ReadOnlySpan<MerkleHash> leaves, MerkleHash? root)
    {
        Leaves += leaves.Length;
        if (root is { } full)
        {
            return Push(1, full);
        }

        _levels[0].AddRange(leaves);
        return null;
    }

    /// <summary>The root of the leaves fed so far with <paramref name="extra"/> leaves appended (not kept).</summary>
    public MerkleHash PrefixRoot(ReadOnlySpan<MerkleHash> extra = default)
    {
        var mark = _levels[0].Count;
        _levels[0].AddRange(extra);
        try
        {
            return Root();
        }
        finally
        {
            _levels[0].RemoveRange(mark, _levels[0].Count - mark);
        }
    }

    /// <summary>Hands the partial tile of every level above 0 to the callback (the tree's last tiles); call once, after the last bundle.</summary>
    public VerificationReport? Finish()
    {
        for (var level = 1; level < _levels.Count; level++)
        {
            var row = _levels[level];
            if (row.Count > 0 && tile(new TileId(level, HashesAt(level) / TileId.FullWidth, row.Count), [.. row]) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>The root of a complete subtree whose bottom row is <paramref name="row"/> (a power of two of hashes).</summary>
    public static MerkleHash SubtreeRoot(ReadOnlySpan<MerkleHash> row)
    {
        if (row.Length == 1)
        {
            return row[0];
        }

        var work = row.ToArray();
        for (var n = work.Length; n > 1; n /= 2)
        {
            for (var i = 0; i < n / 2; i++)
            {
                work[i] = RecordHashing.NodeHash(work[2 * i], work[(2 * i) + 1]);
            }
        }

        return work[0];
    }

    private VerificationReport? Push(int level, MerkleHash hash)
    {
        while (_levels.Count <= level)
        {
            _levels.Add(new List<MerkleHash>(TileId.FullWidth));
        }

        var row = _levels[level];
        row.Add(hash);
        if (row.Count < TileId.FullWidth)
        {
            return null;
        }

        var full = row.ToArray();
        row.Clear();
        return tile(new TileId(level, (HashesAt(level) / TileId.FullWidth) - 1, TileId.FullWidth), full) ?? Push(level + 1, SubtreeRoot(full));
    }

    // How many hashes of tile level L the leaves so far make: one per 256^L leaves.
    private long HashesAt(int level)
    {
        var n = Leaves;
        for (var i = 0; i < level; i++)
        {
            n /= TileId.FullWidth;
        }

        return n;
    }

    /// <summary>RFC 6962: the held hashes of every level, largest subtrees first, split into complete subtrees by the binary digits of their count, folded right to left.</summary>
    private MerkleHash Root()
    {
        var subtrees = new List<MerkleHash>();
        for (var level = _levels.Count - 1; level >= 0; level--)
        {
            var row = _levels[level];
            var at = 0;
            for (var bit = 8; bit >= 0; bit--)
            {
                var width = 1 << bit;
                if ((row.Count & width) != 0)
                {
                    subtrees.Add(SubtreeRoot(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(row).Slice(at, width)));
                    at += width;
                }
            }
        }

        if (subtrees.Count == 0)
        {
            return MerkleHash.Empty;
        }

        var root = subtrees[^1];
        for (var i = subtrees.Count - 2; i >= 0; i--)
        {
            root = RecordHashing.NodeHash(subtrees[i], root);
        }

        return root;
    }
}
