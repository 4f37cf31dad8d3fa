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
    /// Full tiles already present are left alone (they never change); partial tiles and the checkpoint are replaced.
    /// Returns the number of files written.
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
        foreach (var tile in TileLayout.HashTiles(body.Size))
        {
            written += WriteTile(directory, tile, () => TileLayout.HashTileBytes(source, tile));
        }

        foreach (var bundle in TileLayout.EntryBundles(body.Size))
        {
            written += WriteTile(directory, bundle, () => TileLayout.EntryBundleBytes(source, bundle));
        }

        // The checkpoint goes last so a reader never sees a checkpoint whose tiles are missing.
        WriteAtomically(Path.Combine(directory, CheckpointFile), checkpoint.ToBytes());
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
    /// tile at the checkpoint's size, and the root. Reports the first file and byte that differ from what the entries imply.
    /// </summary>
    public static VerificationReport Verify(string directory, IEnumerable<VerifierKey> logKeys)
    {
        ArgumentNullException.ThrowIfNull(logKeys);
        TileDirectory log;
        try
        {
            log = Open(directory);
        }
        catch (Exception e) when (e is RecordFormatException or IOException)
        {
            return VerificationReport.Failed(e.Message, resource: CheckpointFile);
        }

        var signatures = log.Note.Verify(logKeys);
        if (!signatures.IsVerified)
        {
            return VerificationReport.Failed(signatures.Error!, resource: CheckpointFile);
        }

        var tree = new MerkleTree();
        foreach (var bundle in TileLayout.EntryBundles(log.Size))
        {
            byte[] bytes;
            if (!log.TryReadFile(bundle, out bytes))
            {
                return VerificationReport.Failed(RecordMessages.TileMissing, bundle.Index * TileId.FullWidth, bundle.Path);
            }

            IReadOnlyList<byte[]> entries;
            try
            {
                entries = TileLayout.ReadEntryBundle(bytes);
            }
            catch (RecordFormatException e)
            {
                return VerificationReport.Failed(e.Message, bundle.Index * TileId.FullWidth, bundle.Path, e.Position);
            }

            if (entries.Count != bundle.Width)
            {
                return VerificationReport.Failed(RecordMessages.BundleCount(entries.Count, bundle.Width), bundle.Index * TileId.FullWidth, bundle.Path);
            }

            foreach (var entry in entries)
            {
                tree.AppendEntry(entry);
            }
        }

        foreach (var tile in TileLayout.HashTiles(log.Size))
        {
            if (!log.TryReadFile(tile, out var actual))
            {
                return VerificationReport.Failed(RecordMessages.TileMissing, resource: tile.Path);
            }

            var expected = TileLayout.HashTileBytes(tree, tile);
            var common = actual.AsSpan().CommonPrefixLength(expected);
            if (common != expected.Length || actual.Length != expected.Length)
            {
                // A wrong level-0 hash points at the entry it should be the leaf hash of.
                long? entry = tile.Level == 0 && common < expected.Length ? (tile.Index * TileId.FullWidth) + (common / MerkleHash.Length) : null;
                return VerificationReport.Failed(RecordMessages.TileDiffers, entry, tile.Path, common);
            }
        }

        if (tree.RootHash(log.Size) != log.Checkpoint.RootHash)
        {
            return VerificationReport.Failed(RecordMessages.RootMismatch(log.Size), resource: CheckpointFile);
        }

        return VerificationReport.Valid(log.Checkpoint, log.Size);
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

    private bool TryReadFile(TileId tile, out byte[] bytes)
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

        _cache[tile] = bytes;
        return true;
    }

    // A tile or checkpoint is read only from a regular file and never beyond the limit (a link to /dev/zero is refused).
    private static byte[] ReadBounded(string path)
    {
        try
        {
            return Core.InputFile.ReadAllBytes(path, Core.InputFile.TileLimit);
        }
        catch (Core.InputFileException e)
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

    private static int WriteTile(string directory, TileId tile, Func<byte[]> content)
    {
        var path = Path.Combine(directory, tile.Path);
        if (!tile.IsPartial && File.Exists(path))
        {
            return 0;
        }

        WriteAtomically(path, content());
        return 1;
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The checkpoint text, for display.</summary>
    public override string ToString() => Encoding.UTF8.GetString(Note.ToBytes());
}
