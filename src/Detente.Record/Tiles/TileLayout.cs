using System.Buffers.Binary;
using Detente.Record.Merkle;

namespace Detente.Record.Tiles;

/// <summary>Which tiles a tree of a given size has, and their contents (C2SP tlog-tiles, height 8, width 256).</summary>
public static class TileLayout
{
    /// <summary>
    /// Every hash tile of a tree of <paramref name="size"/> entries: at each level the full tiles and, when the count is not
    /// a multiple of 256, one partial tile of width <c>floor(size / 256^L) mod 256</c>. Empty tiles do not exist.
    /// </summary>
    public static IEnumerable<TileId> HashTiles(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var count = size;
        for (var level = 0; count > 0; level++)
        {
            foreach (var tile in Row(level, count, isEntries: false))
            {
                yield return tile;
            }

            count /= TileId.FullWidth;
        }
    }

    /// <summary>Every entry bundle of a tree of <paramref name="size"/> entries.</summary>
    public static IEnumerable<TileId> EntryBundles(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return Row(0, size, isEntries: true);
    }

    /// <summary>The tile at <paramref name="level"/> holding hash <paramref name="hashIndex"/> of that level, in a tree of <paramref name="size"/>.</summary>
    public static TileId TileFor(int level, long hashIndex, long size)
    {
        var count = size;
        for (var i = 0; i < level; i++)
        {
            count /= TileId.FullWidth;
        }

        var n = hashIndex / TileId.FullWidth;
        var width = (n + 1) * TileId.FullWidth <= count ? TileId.FullWidth : (int)(count % TileId.FullWidth);
        return new TileId(level, n, width);
    }

    /// <summary>The bytes of a hash tile: <c>Width</c> hashes of 32 bytes, each a node at tree level <c>8 × L</c>.</summary>
    public static byte[] HashTileBytes(IMerkleNodeSource source, TileId tile)
    {
        ArgumentNullException.ThrowIfNull(source);
        var bytes = new byte[tile.Width * MerkleHash.Length];
        for (var i = 0; i < tile.Width; i++)
        {
            source.Node(tile.Level * TileId.Height, (tile.Index * TileId.FullWidth) + i).CopyTo(bytes.AsSpan(i * MerkleHash.Length));
        }

        return bytes;
    }

    /// <summary>The bytes of an entry bundle: each entry as <c>uint16 big-endian length || entry</c>.</summary>
    public static byte[] EntryBundleBytes(IEntrySource source, TileId bundle)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var stream = new MemoryStream();
        Span<byte> prefix = stackalloc byte[2];
        for (var i = 0; i < bundle.Width; i++)
        {
            var entry = source.Entry((bundle.Index * TileId.FullWidth) + i);
            if (entry.Length > ushort.MaxValue)
            {
                throw new InvalidOperationException(RecordMessages.EntryTooLargeForBundle(entry.Length));
            }

            BinaryPrimitives.WriteUInt16BigEndian(prefix, (ushort)entry.Length);
            stream.Write(prefix);
            stream.Write(entry);
        }

        return stream.ToArray();
    }

    /// <summary>The bytes of an entry bundle of <paramref name="count"/> entries taken from <paramref name="entries"/> at <paramref name="offset"/>.</summary>
    public static byte[] EntryBundleBytes(IReadOnlyList<byte[]> entries, int offset, int count)
    {
        var bytes = new byte[EntryBundleLength(entries, offset, count)];
        WriteEntryBundle(entries, offset, count, bytes);
        return bytes;
    }

    /// <summary>The length of the entry bundle <see cref="EntryBundleBytes(IReadOnlyList{byte[]}, int, int)"/> makes; throws for an entry too large for one.</summary>
    internal static int EntryBundleLength(IReadOnlyList<byte[]> entries, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var length = 0;
        for (var i = 0; i < count; i++)
        {
            var entry = entries[offset + i];
            if (entry.Length > ushort.MaxValue)
            {
                throw new InvalidOperationException(RecordMessages.EntryTooLargeForBundle(entry.Length));
            }

            length += 2 + entry.Length;
        }

        return length;
    }

    /// <summary>Writes the entry bundle into <paramref name="bytes"/>, at least <see cref="EntryBundleLength"/> long (e.g. a pooled buffer).</summary>
    internal static void WriteEntryBundle(IReadOnlyList<byte[]> entries, int offset, int count, Span<byte> bytes)
    {
        var pos = 0;
        for (var i = 0; i < count; i++)
        {
            var entry = entries[offset + i];
            BinaryPrimitives.WriteUInt16BigEndian(bytes[pos..], (ushort)entry.Length);
            entry.CopyTo(bytes[(pos + 2)..]);
            pos += 2 + entry.Length;
        }
    }

    /// <summary>Splits an entry bundle into entries; throws <see cref="RecordFormatException"/> when lengths overrun the data.</summary>
    public static IReadOnlyList<byte[]> ReadEntryBundle(ReadOnlySpan<byte> bundle)
    {
        var entries = new List<byte[]>();
        var pos = 0;
        while (pos < bundle.Length)
        {
            if (pos + 2 > bundle.Length)
            {
                throw new RecordFormatException(RecordMessages.BundleTruncated, pos);
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bundle[pos..]);
            if (pos + 2 + length > bundle.Length)
            {
                throw new RecordFormatException(RecordMessages.BundleTruncated, pos);
            }

            entries.Add(bundle.Slice(pos + 2, length).ToArray());
            pos += 2 + length;
        }

        return entries;
    }

    private static IEnumerable<TileId> Row(int level, long count, bool isEntries)
    {
        var full = count / TileId.FullWidth;
        for (long n = 0; n < full; n++)
        {
            yield return new TileId(level, n, TileId.FullWidth, isEntries);
        }

        var partial = (int)(count % TileId.FullWidth);
        if (partial > 0)
        {
            yield return new TileId(level, full, partial, isEntries);
        }
    }
}
