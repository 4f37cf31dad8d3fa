using Detente.Record.Merkle;

namespace Detente.Record.Tiles;

/// <summary>A log's entries as well as its tree hashes: what is needed to write entry bundles and tiles.</summary>
public interface IEntrySource : IMerkleNodeSource
{
    /// <summary>The raw entry at <paramref name="index"/> (less than <see cref="IMerkleNodeSource.Size"/>).</summary>
    byte[] Entry(long index);
}
