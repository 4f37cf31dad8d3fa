using System.Text;
using Detente.Record.Keys;
using Detente.Record.Merkle;
using Detente.Record.Notes;

namespace Detente.Record.Tiles;

/// <summary>
/// A log published as static files: <c>checkpoint</c>, hash tiles under <c>tile/&lt;L&gt;/</c> and entry bundles under
/// <c>tile/entries/</c>. Write one with <see cref="Export"/>; read hashes and entries back at the checkpoint's size, or
/// <see cref="Verify"/> everything against the checkpoint.
/// </summary>
public sealed class TileDirectory : IEntrySource
{
    /// <summary>The name of the checkpoint file.</summary>
    public const string CheckpointFile = "checkpoint";

    private readonly Dictionary<TileId, byte[]> _cache = [];

    private TileDirectory(string directory, SignedNote note, Checkpoint checkpoint)
    {
        Directory = directory;
        Note = note;
        Checkpoint = checkpoint;
    }

    /// <summary>The directory holding the log.</summary>
    public string Directory { get; }

    /// <summary>The signed checkpoint note as read (signatures not yet checked unless opened with keys).</summary>
    public SignedNote Note { get; }

    /// <summary>The checkpoint body.</summary>
    public Checkpoint Checkpoint { get; }

    /// <inheritdoc/>
    public long Size => Checkpoint.Size;

    /// <summary>
    /// Writes the tiles, entry bundles and checkpoint for the first <c>checkpoint.Size</c> entries of <paramref name="source"/>.
    /// Full tiles already present are left alone (they never change); partial tiles and the checkpoint are replaced. Entries are
    /// read many at a time and hashed on every core; the tiles are built from the entries themselves, and the checkpoint is
    /// written (last) only when their root is the checkpoint's. Returns the number of files written.
    /// </summary>
    public static int Export(string directory, IEntrySource source, SignedNote checkpoint)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var body = Checkpoint.Parse(checkpoint.Text);
        if (body.Size > source.Size || MerkleProofs.RootHash(source, body.Size) != body.RootHash)
        {
            throw new ArgumentException(RecordMessages.ExportCheckpointMismatch(body.Size), nameof(checkpoint));
        }

        var written = 0;
        using var files = new DurableFiles();
        var fold = new TileFold((tile, hashes) =>
        {
            written += WriteTile(files, directory, tile, () => TileVerifier.TileBytes(hashes));
            return null;
        });
        const int BundlesPerRound = 64;
        var bundles = TileLayout.EntryBundles(body.Size).ToList();
        IReadOnlyList<byte[]> Read(int start)
        {
            var round = bundles.GetRange(start, Math.Min(BundlesPerRound, bundles.Count - start));
            var first = round[0].Index * TileId.FullWidth;
            var wanted = (int)(Math.Min(body.Size, (round[^1].Index + 1) * TileId.FullWidth) - first);
            var read = source.Entries(first, wanted);
            return read.Count == wanted ? read : throw new ArgumentException(RecordMessages.ExportCheckpointMismatch(body.Size), nameof(checkpoint));
        }

        // Pipelined: while the cores hash and write one round, the next is read from the source (the only call on it at a time).
        var reading = bundles.Count > 0 ? Task.Run(() => Read(0)) : null;
        for (var start = 0; start < bundles.Count; start += BundlesPerRound)
        {
            var entries = reading!.GetAwaiter().GetResult();
            var nextStart = start + BundlesPerRound;
            reading = nextStart < bundles.Count ? Task.Run(() => Read(nextStart)) : null;
            var round = bundles.GetRange(start, Math.Min(BundlesPerRound, bundles.Count - start));
            var first = round[0].Index * TileId.FullWidth;
            var leaves = new MerkleHash[round.Count][];
            var roots = new MerkleHash?[round.Count];
            var counts = new int[round.Count];
            Parallel.For(0, round.Count, b =>
            {
                var bundle = round[b];
                var offset = (int)((bundle.Index * TileId.FullWidth) - first);
                var own = new MerkleHash[bundle.Width];
                for (var i = 0; i < bundle.Width; i++)
                {
                    own[i] = RecordHashing.LeafHash(entries[offset + i]);
                }

                leaves[b] = own;
                roots[b] = bundle.IsPartial ? null : TileFold.SubtreeRoot(own);
                counts[b] = WriteBundle(files, directory, bundle, entries, offset)
                    + WriteTile(files, directory, new TileId(0, bundle.Index, bundle.Width), () => TileVerifier.TileBytes(own));
            });
            written += counts.Sum();
            for (var b = 0; b < round.Count; b++)
            {
                fold.Add(leaves[b], roots[b]);
            }

            files.Commit();
        }

        fold.Finish();
        files.Commit();
        if (fold.PrefixRoot() != body.RootHash)
        {
            // The stored entries do not hash to the checkpoint's root (the store was changed): no checkpoint is published.
            throw new ArgumentException(RecordMessages.ExportCheckpointMismatch(body.Size), nameof(checkpoint));
        }

        // The checkpoint goes last so a reader never sees a checkpoint whose tiles are missing.
        files.Add(Path.Combine(directory, CheckpointFile), checkpoint.ToBytes());
        files.Commit();
        return written + 1;
    }

    /// <summary>Opens a tile directory by reading and parsing its checkpoint; throws <see cref="RecordFormatException"/> when malformed.</summary>
    public static TileDirectory Open(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var note = SignedNote.Parse(ReadBounded(Path.Combine(directory, CheckpointFile)));
        return new TileDirectory(directory, note, Checkpoint.Parse(note.Text));
    }

    /// <summary>
    /// Verifies the whole directory: the checkpoint's signature by one of <paramref name="logKeys"/>, every entry bundle and hash
    /// tile at the checkpoint's size, and the root; given <paramref name="trusted"/> (a checkpoint of this log the reader already
    /// trusts, signed by one of the keys), also that the directory still holds its tree, so a rollback or a rewritten history is
    /// found. Reports the first file and byte that differ from what the entries imply. Memory does not grow with the log.
    /// </summary>
    public static VerificationReport Verify(string directory, IEnumerable<VerifierKey> logKeys, SignedNote? trusted = null)
    {
        ArgumentNullException.ThrowIfNull(logKeys);
        var keys = logKeys.ToList();
        TileDirectory log;
        try
        {
            log = Open(directory);
        }
        catch (Exception e) when (e is RecordFormatException or IOException)
        {
            return VerificationReport.Failed(e.Message, resource: CheckpointFile);
        }

        var signatures = log.Note.Verify(keys);
        if (!signatures.IsVerified)
        {
            return VerificationReport.Failed(signatures.Error!, resource: CheckpointFile);
        }

        Checkpoint? trustedBody = null;
        if (trusted is not null)
        {
            var trustedSignatures = trusted.Verify(keys);
            trustedBody = Checkpoint.Parse(trusted.Text);
            if (!trustedSignatures.IsVerified || trustedBody.Origin != log.Checkpoint.Origin)
            {
                throw new ArgumentException(RecordMessages.TrustedCheckpointForeign(trustedSignatures.Error ?? trustedBody.Origin), nameof(trusted));
            }
        }

        return TileVerifier.Verify(log, trustedBody);
    }

    /// <inheritdoc/>
    public MerkleHash Node(int level, long index)
    {
        if (level % TileId.Height == 0)
        {
            var tile = TileLayout.TileFor(level / TileId.Height, index, Size);
            var bytes = ReadTile(tile);
            var offset = (int)(index % TileId.FullWidth) * MerkleHash.Length;
            if (offset + MerkleHash.Length > bytes.Length)
            {
                throw new RecordFormatException(RecordMessages.TileShort(tile.Path));
            }

            return new MerkleHash(bytes.AsSpan(offset, MerkleHash.Length));
        }

        // Levels between tile levels are recomputed from the two children below.
        return RecordHashing.NodeHash(Node(level - 1, index * 2), Node(level - 1, (index * 2) + 1));
    }

    /// <inheritdoc/>
    public byte[] Entry(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Size);
        var n = index / TileId.FullWidth;
        var width = (n + 1) * TileId.FullWidth <= Size ? TileId.FullWidth : (int)(Size % TileId.FullWidth);
        var entries = TileLayout.ReadEntryBundle(ReadTile(new TileId(0, n, width, IsEntries: true)));
        return entries[(int)(index % TileId.FullWidth)];
    }

    private byte[] ReadTile(TileId tile)
    {
        if (!TryReadFile(tile, out var bytes))
        {
            throw new FileNotFoundException(RecordMessages.TileMissing, Path.Combine(Directory, tile.Path));
        }

        return bytes;
    }

    /// <summary>
    /// Reads a tile or bundle (or the prefix of the full one that replaced it), refusing one larger than any valid tile (so a link
    /// to an endless device cannot exhaust memory); with <paramref name="cache"/>, keeps it for later reads.
    /// </summary>
    internal bool TryReadFile(TileId tile, out byte[] bytes, bool cache = true)
    {
        if (_cache.TryGetValue(tile, out bytes!))
        {
            return true;
        }

        var path = Path.Combine(Directory, tile.Path);
        if (!Core.InputFile.Exists(path))
        {
            // A reader may find the full tile where the checkpoint implies a partial one that has since been completed.
            var full = tile with { Width = TileId.FullWidth };
            var fullPath = Path.Combine(Directory, full.Path);
            if (!tile.IsPartial || !Core.InputFile.Exists(fullPath))
            {
                bytes = [];
                return false;
            }

            path = fullPath;
        }

        bytes = ReadBounded(path);
        if (tile.IsPartial && !path.EndsWith(tile.Path, StringComparison.Ordinal))
        {
            // Read through the full tile: keep only the prefix the partial tile would have held.
            bytes = tile.IsEntries ? BundlePrefix(bytes, tile.Width) : bytes[..Math.Min(bytes.Length, tile.Width * MerkleHash.Length)];
        }

        if (cache)
        {
            _cache[tile] = bytes;
        }

        return true;
    }

    /// <summary>
    /// As <see cref="TryReadFile"/>, into a buffer rented from the shared pool (the caller returns it): a pass over a large log
    /// then allocates almost nothing.
    /// </summary>
    internal bool TryReadPooled(TileId tile, out byte[] rented, out int length)
    {
        var path = System.IO.Path.Combine(Directory, tile.Path);
        var throughFull = false;
        if (!Core.InputFile.Exists(path))
        {
            var full = System.IO.Path.Combine(Directory, (tile with { Width = TileId.FullWidth }).Path);
            if (!tile.IsPartial || !Core.InputFile.Exists(full))
            {
                rented = [];
                length = 0;
                return false;
            }

            path = full;
            throughFull = true;
        }

        // Only regular files are read (a link to a device or a pipe is refused), and never beyond what a tile can hold.
        if (!Core.InputFile.IsRegularFile(path))
        {
            throw new RecordFormatException(RecordMessages.TileNotRegular(path));
        }

        var limit = tile.IsEntries ? TileId.FullWidth * (2L + ushort.MaxValue) : TileId.FullWidth * MerkleHash.Length;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var expected = stream.CanSeek ? stream.Length : 0;
        if (expected > limit)
        {
            throw new RecordFormatException(RecordMessages.TileTooLarge(path, limit));
        }

        rented = System.Buffers.ArrayPool<byte>.Shared.Rent((int)Math.Max(expected + 1, 4096));
        length = 0;
        while (true)
        {
            if (length == rented.Length)
            {
                if (length > limit)
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(rented);
                    throw new RecordFormatException(RecordMessages.TileTooLarge(path, limit));
                }

                var larger = System.Buffers.ArrayPool<byte>.Shared.Rent(length * 2);
                rented.AsSpan(0, length).CopyTo(larger);
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
                rented = larger;
            }

            var n = stream.Read(rented, length, rented.Length - length);
            if (n == 0)
            {
                break;
            }

            length += n;
        }

        if (length > limit)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            throw new RecordFormatException(RecordMessages.TileTooLarge(path, limit));
        }

        if (throughFull)
        {
            // Read through the full tile: keep only the prefix the partial tile would have held.
            length = tile.IsEntries ? BundlePrefixLength(rented.AsSpan(0, length), tile.Width) : Math.Min(length, tile.Width * MerkleHash.Length);
        }

        return true;
    }

    private static int BundlePrefixLength(ReadOnlySpan<byte> bundle, int count)
    {
        var pos = 0;
        for (var i = 0; i < count && pos + 2 <= bundle.Length; i++)
        {
            pos = Math.Min(bundle.Length, pos + 2 + System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(bundle[pos..]));
        }

        return pos;
    }

    // A tile or checkpoint is read only from a regular file and never beyond the limit (a link to /dev/zero is refused).
    private static byte[] ReadBounded(string path)
    {
        try
        {
            return Core.InputFile.ReadAllBytes(path, Core.InputFile.TileLimit);
        }
        catch (Core.InputException e)
        {
            throw new RecordFormatException(e.Message);
        }
    }

    private static byte[] BundlePrefix(byte[] bundle, int count)
    {
        var pos = 0;
        for (var i = 0; i < count && pos + 2 <= bundle.Length; i++)
        {
            pos = Math.Min(bundle.Length, pos + 2 + System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(bundle.AsSpan(pos)));
        }

        return bundle[..pos];
    }

    // A bundle is built in a pooled buffer: at about 150 KB each, new arrays would all land on the large object heap.
    private static int WriteBundle(DurableFiles files, string directory, TileId bundle, IReadOnlyList<byte[]> entries, int offset)
    {
        var path = Path.Combine(directory, bundle.Path);
        if (!bundle.IsPartial && File.Exists(path))
        {
            return 0;
        }

        var length = TileLayout.EntryBundleLength(entries, offset, bundle.Width);
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            TileLayout.WriteEntryBundle(entries, offset, bundle.Width, rented);
            files.Add(path, rented.AsSpan(0, length));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }

        return 1;
    }

    private static int WriteTile(DurableFiles files, string directory, TileId tile, Func<byte[]> content)
    {
        var path = Path.Combine(directory, tile.Path);
        if (!tile.IsPartial && File.Exists(path))
        {
            return 0;
        }

        files.Add(path, content());
        return 1;
    }

    /// <summary>The checkpoint text, for display.</summary>
    public override string ToString() => Encoding.UTF8.GetString(Note.ToBytes());
}
