using System.Buffers.Binary;
using Detente.Record.Merkle;
using Detente.Record.Notes;

namespace Detente.Record.Tiles;

/// <summary>
/// Verifies a tile directory in one pass with memory independent of the log's size: entry bundles are read, split and hashed on
/// every core, a bundle at a time per core; each bundle's leaf hashes are compared with its level-0 tile and folded into the root
/// of its 256 entries, which feeds the tile above. Only one partly filled tile per tile level is held (at most 256 hashes each).
/// </summary>
internal sealed class TileVerifier
{
    // Bundles handed to the cores at a time: enough to keep both busy, few enough to keep memory small (about 64 × 2 MB at most).
    private const int BundlesPerRound = 64;

    private readonly TileDirectory _log;
    private readonly Checkpoint? _trusted;
    private readonly List<List<MerkleHash>> _levels = [];
    private long _leaves;
    private MerkleHash? _trustedRoot;

    private TileVerifier(TileDirectory log, Checkpoint? trusted)
    {
        _log = log;
        _trusted = trusted;
    }

    /// <summary>Verifies <paramref name="log"/> (its checkpoint already opened and its signature checked) and, given one, a trusted checkpoint's prefix.</summary>
    public static VerificationReport Verify(TileDirectory log, Checkpoint? trusted) => new TileVerifier(log, trusted).Run();

    private VerificationReport Run()
    {
        var size = _log.Size;
        if (_trusted is { } t && t.Size > size)
        {
            return VerificationReport.Failed(RecordMessages.TilesRolledBack(t.Size, size), size, TileDirectory.CheckpointFile);
        }

        if (_trusted is { Size: 0 })
        {
            _trustedRoot = MerkleHash.Empty;
        }

        var bundles = TileLayout.EntryBundles(size).ToList();
        var results = new BundleResult[Math.Min(BundlesPerRound, bundles.Count)];
        try
        {
            for (var start = 0; start < bundles.Count; start += BundlesPerRound)
            {
                var count = Math.Min(BundlesPerRound, bundles.Count - start);
                Parallel.For(0, count, i => results[i] = Check(bundles[start + i]));
                for (var i = 0; i < count; i++)
                {
                    var result = results[i];
                    if (result.Problem is { } problem)
                    {
                        return problem;
                    }

                    Feed(result);
                }
            }
        }
        catch (TileProblemException e)
        {
            return e.Report;
        }

        // What is left at each tile level is its partial tile: compare it, then fold everything into the root.
        for (var level = 1; level < _levels.Count; level++)
        {
            if (CompareTile(level, _levels[level], isFull: false) is { } problem)
            {
                return problem;
            }
        }

        if (PrefixRoot() != _log.Checkpoint.RootHash)
        {
            return VerificationReport.Failed(RecordMessages.RootMismatch(size), resource: TileDirectory.CheckpointFile);
        }

        if (_trusted is { } trusted && (trusted.Size == size ? PrefixRoot() : _trustedRoot) != trusted.RootHash)
        {
            return VerificationReport.Failed(RecordMessages.TilesRewritten(trusted.Size), resource: TileDirectory.CheckpointFile);
        }

        return VerificationReport.Valid(_log.Checkpoint, size);
    }

    /// <summary>On any core: read and split one bundle, hash its entries, compare the level-0 tile, fold a full bundle into its root.</summary>
    private BundleResult Check(TileId bundle)
    {
        var first = bundle.Index * TileId.FullWidth;
        if (Read(bundle, first, out var bytes) is { } unreadable)
        {
            return BundleResult.Failed(unreadable);
        }

        var leaves = new MerkleHash[bundle.Width];
        var pos = 0;
        var n = 0;
        while (pos < bytes.Length)
        {
            if (pos + 2 > bytes.Length)
            {
                return BundleResult.Failed(VerificationReport.Failed(RecordMessages.BundleTruncated, first, bundle.Path, pos));
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(pos));
            if (pos + 2 + length > bytes.Length)
            {
                return BundleResult.Failed(VerificationReport.Failed(RecordMessages.BundleTruncated, first, bundle.Path, pos));
            }

            if (n < leaves.Length)
            {
                leaves[n] = RecordHashing.LeafHash(bytes.AsSpan(pos + 2, length));
            }

            n++;
            pos += 2 + length;
        }

        if (n != bundle.Width)
        {
            return BundleResult.Failed(VerificationReport.Failed(RecordMessages.BundleCount(n, bundle.Width), first, bundle.Path));
        }

        var tile = new TileId(0, bundle.Index, bundle.Width);
        if (Compare(tile, leaves) is { } problem)
        {
            return BundleResult.Failed(problem);
        }

        return new BundleResult(leaves, bundle.IsPartial ? null : SubtreeRoot(leaves), null);
    }

    private void Feed(BundleResult result)
    {
        var leaves = result.Leaves!;
        if (_trusted is { } trusted && _leaves < trusted.Size && trusted.Size < _leaves + leaves.Length)
        {
            // The trusted size falls inside this bundle: the prefix root is taken with the bundle's first leaves in place.
            Level(0).AddRange(leaves.AsSpan(0, (int)(trusted.Size - _leaves)));
            _trustedRoot = PrefixRoot();
            Level(0).Clear();
        }

        _leaves += leaves.Length;
        if (result.Root is { } root)
        {
            Push(1, root);
        }
        else
        {
            Level(0).AddRange(leaves);
        }

        if (_trusted is { } t && _leaves == t.Size)
        {
            _trustedRoot = PrefixRoot();
        }
    }

    /// <summary>Adds a complete subtree hash of 256^level entries; a tile level that fills up is compared and folded into the next.</summary>
    private void Push(int level, MerkleHash hash)
    {
        var row = Level(level);
        row.Add(hash);
        if (row.Count == TileId.FullWidth)
        {
            if (CompareTile(level, row, isFull: true) is { } problem)
            {
                throw new TileProblemException(problem);
            }

            var root = SubtreeRoot(row.ToArray());
            row.Clear();
            Push(level + 1, root);
        }
    }

    private VerificationReport? CompareTile(int level, List<MerkleHash> row, bool isFull)
    {
        if (row.Count == 0)
        {
            return null;
        }

        // The tile index at this level: how many full tiles of it came before.
        var done = _leaves;
        for (var i = 0; i < level; i++)
        {
            done /= TileId.FullWidth;
        }

        var index = isFull ? (done - 1) / TileId.FullWidth : done / TileId.FullWidth;
        return Compare(new TileId(level, index, row.Count), [.. row]);
    }

    /// <summary>Reads a tile or bundle without keeping it; null when read, else why not (missing, too large, unreadable) as a report.</summary>
    private VerificationReport? Read(TileId tile, long? entry, out byte[] bytes)
    {
        try
        {
            return _log.TryReadFile(tile, out bytes, cache: false) ? null : VerificationReport.Failed(RecordMessages.TileMissing, entry, tile.Path);
        }
        catch (Exception e) when (e is RecordFormatException or IOException or UnauthorizedAccessException)
        {
            bytes = [];
            return VerificationReport.Failed(e.Message, entry, tile.Path);
        }
    }

    private VerificationReport? Compare(TileId tile, MerkleHash[] hashes)
    {
        if (Read(tile, null, out var actual) is { } unreadable)
        {
            return unreadable;
        }

        var expected = new byte[hashes.Length * MerkleHash.Length];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i].CopyTo(expected.AsSpan(i * MerkleHash.Length));
        }

        var common = actual.AsSpan().CommonPrefixLength(expected);
        if (common == expected.Length && actual.Length == expected.Length)
        {
            return null;
        }

        // A wrong level-0 hash points at the entry it should be the leaf hash of.
        long? entry = tile.Level == 0 && common < expected.Length ? (tile.Index * TileId.FullWidth) + (common / MerkleHash.Length) : null;
        return VerificationReport.Failed(RecordMessages.TileDiffers, entry, tile.Path, common);
    }

    /// <summary>
    /// The root of the leaves seen so far: the held hashes of every tile level, largest subtrees first, split into complete
    /// subtrees by the binary digits of their count and folded right to left (RFC 6962).
    /// </summary>
    private MerkleHash PrefixRoot()
    {
        var subtrees = new List<MerkleHash>();
        for (var level = _levels.Count - 1; level >= 0; level--)
        {
            var row = _levels[level];
            var at = 0;
            for (var bit = 7; bit >= 0; bit--)
            {
                var width = 1 << bit;
                if ((row.Count & width) != 0)
                {
                    subtrees.Add(SubtreeRoot([.. row.GetRange(at, width)]));
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

    /// <summary>The root of a complete subtree whose bottom row is <paramref name="row"/> (a power of two of hashes).</summary>
    private static MerkleHash SubtreeRoot(MerkleHash[] row)
    {
        var n = row.Length;
        var work = n == 1 ? row : (MerkleHash[])row.Clone();
        while (n > 1)
        {
            for (var i = 0; i < n / 2; i++)
            {
                work[i] = RecordHashing.NodeHash(work[2 * i], work[(2 * i) + 1]);
            }

            n /= 2;
        }

        return work[0];
    }

    private List<MerkleHash> Level(int level)
    {
        while (_levels.Count <= level)
        {
            _levels.Add(new List<MerkleHash>(TileId.FullWidth));
        }

        return _levels[level];
    }

    private sealed record BundleResult(MerkleHash[]? Leaves, MerkleHash? Root, VerificationReport? Problem)
    {
        public static BundleResult Failed(VerificationReport problem) => new(null, null, problem);
    }

    /// <summary>Carries a tile problem found while folding, up to <see cref="Run"/>.</summary>
    internal sealed class TileProblemException(VerificationReport report) : Exception(report.Problem)
    {
        public VerificationReport Report { get; } = report;
    }
}
