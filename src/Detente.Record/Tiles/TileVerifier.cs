using System.Buffers.Binary;
using Detente.Record.Merkle;
using Detente.Record.Notes;

namespace Detente.Record.Tiles;

/// <summary>
/// Verifies a tile directory in one pass with memory independent of the log's size: entry bundles are read, split and hashed on
/// every core, a bundle at a time per core; each bundle's leaf hashes are compared with its level-0 tile and folded into the root
/// of its 256 entries, which <see cref="TileFold"/> folds into the tiles above, each compared as soon as it is complete.
/// </summary>
internal sealed class TileVerifier
{
    // Bundles handed to the cores at a time: enough to keep them busy, few enough to keep memory small (64 × 16 MB at most).
    private const int BundlesPerRound = 64;

    private readonly TileDirectory _log;
    private readonly Checkpoint? _trusted;
    private readonly TileFold _fold;
    private MerkleHash? _trustedRoot;

    private TileVerifier(TileDirectory log, Checkpoint? trusted)
    {
        _log = log;
        _trusted = trusted;
        _fold = new TileFold(Compare);
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
        var current = new BundleResult[Math.Min(BundlesPerRound, bundles.Count)];
        var next = new BundleResult[current.Length];
        Task CheckRound(int start, BundleResult[] results) =>
            Task.Run(() => Parallel.For(0, Math.Min(BundlesPerRound, bundles.Count - start), i => results[i] = Check(bundles[start + i])));

        // Pipelined: while the cores read and hash one round of bundles, this thread folds the round before and compares its tiles.
        var checking = bundles.Count > 0 ? CheckRound(0, current) : null;
        for (var start = 0; start < bundles.Count; start += BundlesPerRound)
        {
            checking!.GetAwaiter().GetResult();
            checking = start + BundlesPerRound < bundles.Count ? CheckRound(start + BundlesPerRound, next) : null;
            var count = Math.Min(BundlesPerRound, bundles.Count - start);
            for (var i = 0; i < count; i++)
            {
                var result = current[i];
                if ((result.Problem ?? Feed(result)) is { } problem)
                {
                    checking?.GetAwaiter().GetResult();
                    return problem;
                }
            }

            (current, next) = (next, current);
        }

        if (_fold.Finish() is { } last)
        {
            return last;
        }

        var root = _fold.PrefixRoot();
        if (root != _log.Checkpoint.RootHash)
        {
            return VerificationReport.Failed(RecordMessages.RootMismatch(size), resource: TileDirectory.CheckpointFile);
        }

        if (_trusted is { } trusted && (trusted.Size == size ? root : _trustedRoot) != trusted.RootHash)
        {
            return VerificationReport.Failed(RecordMessages.TilesRewritten(trusted.Size), resource: TileDirectory.CheckpointFile);
        }

        return VerificationReport.Valid(_log.Checkpoint, size);
    }

    /// <summary>On any core: read and split one bundle, hash its entries, compare the level-0 tile, fold a full bundle into its root.</summary>
    private BundleResult Check(TileId bundle)
    {
        var first = bundle.Index * TileId.FullWidth;
        if (Read(bundle, first, out var rented, out var read) is { } unreadable)
        {
            return BundleResult.Failed(unreadable);
        }

        try
        {
            return Check(bundle, first, rented.AsSpan(0, read));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private BundleResult Check(TileId bundle, long first, ReadOnlySpan<byte> bytes)
    {
        var leaves = new MerkleHash[bundle.Width];
        var pos = 0;
        var n = 0;
        while (pos < bytes.Length)
        {
            if (pos + 2 > bytes.Length)
            {
                return BundleResult.Failed(VerificationReport.Failed(RecordMessages.BundleTruncated, first, bundle.Path, pos));
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[pos..]);
            if (pos + 2 + length > bytes.Length)
            {
                return BundleResult.Failed(VerificationReport.Failed(RecordMessages.BundleTruncated, first, bundle.Path, pos));
            }

            if (n < leaves.Length)
            {
                leaves[n] = RecordHashing.LeafHash(bytes.Slice(pos + 2, length));
            }

            n++;
            pos += 2 + length;
        }

        if (n != bundle.Width)
        {
            return BundleResult.Failed(VerificationReport.Failed(RecordMessages.BundleCount(n, bundle.Width), first, bundle.Path));
        }

        if (Compare(new TileId(0, bundle.Index, bundle.Width), leaves) is { } problem)
        {
            return BundleResult.Failed(problem);
        }

        return new BundleResult(leaves, bundle.IsPartial ? null : TileFold.SubtreeRoot(leaves), null);
    }

    private VerificationReport? Feed(BundleResult result)
    {
        var leaves = result.Leaves!;
        if (_trusted is { } trusted && _fold.Leaves < trusted.Size && trusted.Size <= _fold.Leaves + leaves.Length)
        {
            // The trusted size ends inside (or at the end of) this bundle: its prefix root, with the bundle's first leaves in place.
            _trustedRoot = _fold.PrefixRoot(leaves.AsSpan(0, (int)(trusted.Size - _fold.Leaves)));
        }

        return _fold.Add(leaves, result.Root);
    }

    /// <summary>
    /// Reads a tile or bundle into a pooled buffer (returned by the caller when this gives null); null when read, else why not
    /// (missing, too large, unreadable) as a report.
    /// </summary>
    private VerificationReport? Read(TileId tile, long? entry, out byte[] rented, out int length)
    {
        try
        {
            return _log.TryReadPooled(tile, out rented, out length) ? null : VerificationReport.Failed(RecordMessages.TileMissing, entry, tile.Path);
        }
        catch (Exception e) when (e is RecordFormatException or IOException or UnauthorizedAccessException)
        {
            (rented, length) = ([], 0);
            return VerificationReport.Failed(e.Message, entry, tile.Path);
        }
    }

    private VerificationReport? Compare(TileId tile, MerkleHash[] hashes)
    {
        if (Read(tile, null, out var rented, out var length) is { } unreadable)
        {
            return unreadable;
        }

        int common;
        int expectedLength = hashes.Length * MerkleHash.Length;
        try
        {
            Span<byte> expected = stackalloc byte[expectedLength];
            for (var i = 0; i < hashes.Length; i++)
            {
                hashes[i].CopyTo(expected[(i * MerkleHash.Length)..]);
            }

            common = rented.AsSpan(0, length).CommonPrefixLength(expected);
            if (common == expectedLength && length == expectedLength)
            {
                return null;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }

        // A wrong level-0 hash points at the entry it should be the leaf hash of.
        long? entry = tile.Level == 0 && common < expectedLength ? (tile.Index * TileId.FullWidth) + (common / MerkleHash.Length) : null;
        return VerificationReport.Failed(RecordMessages.TileDiffers, entry, tile.Path, common);
    }

    /// <summary>The bytes of a hash tile holding <paramref name="hashes"/>.</summary>
    internal static byte[] TileBytes(ReadOnlySpan<MerkleHash> hashes)
    {
        var bytes = new byte[hashes.Length * MerkleHash.Length];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i].CopyTo(bytes.AsSpan(i * MerkleHash.Length));
        }

        return bytes;
    }

    private sealed record BundleResult(MerkleHash[]? Leaves, MerkleHash? Root, VerificationReport? Problem)
    {
        public static BundleResult Failed(VerificationReport problem) => new(null, null, problem);
    }
}
