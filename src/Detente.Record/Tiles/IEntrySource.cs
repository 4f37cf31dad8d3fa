using Detente.Record.Merkle;

namespace Detente.Record.Tiles;

/// <summary>A log's entries as well as its tree hashes: what is needed to write entry bundles and tiles.</summary>
public interface IEntrySource : IMerkleNodeSource
{
    /// <summary>The raw entry at <paramref name="index"/> (less than <see cref="IMerkleNodeSource.Size"/>).</summary>
    byte[] Entry(long index);

    /// <summary>
    /// Up to <paramref name="count"/> entries from <paramref name="start"/>, in log order (fewer at the end of the log). Sources
    /// that can read many at once (a database) override this; the default reads them one by one.
    /// </summary>
    IReadOnlyList<byte[]> Entries(long start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var end = Math.Min(start + count, Size);
        var list = new List<byte[]>((int)Math.Max(0, end - start));
        for (var i = start; i < end; i++)
        {
            list.Add(Entry(i));
        }

        return list;
    }
}
