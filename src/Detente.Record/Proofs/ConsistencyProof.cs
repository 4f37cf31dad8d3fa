using System.Collections.Immutable;
using Detente.Record.Merkle;
using Detente.Record.Notes;

namespace Detente.Record.Proofs;

/// <summary>A proof that the log at <see cref="OldSize"/> is a prefix of the log at <see cref="NewSize"/> (RFC 6962 §2.1.2).</summary>
/// <param name="OldSize">The earlier tree size.</param>
/// <param name="NewSize">The later tree size.</param>
/// <param name="Hashes">The proof hashes.</param>
public sealed record ConsistencyProof(long OldSize, long NewSize, ImmutableArray<MerkleHash> Hashes)
{
    /// <summary>Builds the proof from a node source.</summary>
    public static ConsistencyProof Create(IMerkleNodeSource source, long oldSize, long newSize) =>
        new(oldSize, newSize, MerkleProofs.Consistency(source, oldSize, newSize));

    /// <summary>True when the proof shows <paramref name="older"/> is a prefix of <paramref name="newer"/> (same origin, sizes as in the proof).</summary>
    public bool Verify(Checkpoint older, Checkpoint newer)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        return older.Origin == newer.Origin && older.Size == OldSize && newer.Size == NewSize
            && MerkleProofs.VerifyConsistency(OldSize, NewSize, older.RootHash, newer.RootHash, Hashes);
    }

    /// <summary>Consistency proofs are equal when sizes and hashes are equal.</summary>
    public bool Equals(ConsistencyProof? other) =>
        other is not null && OldSize == other.OldSize && NewSize == other.NewSize && Hashes.SequenceEqual(other.Hashes);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(OldSize, NewSize, Hashes.Length);
}
