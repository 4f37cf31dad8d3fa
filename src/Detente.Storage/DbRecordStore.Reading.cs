using System.Data;
using System.Data.Common;
using System.Globalization;
using Detente.Core;
using Detente.Record;
using Detente.Record.Admission;
using Detente.Record.Canonical;
using Detente.Record.Driver;
using Detente.Record.Keys;
using Detente.Record.Merkle;
using Detente.Record.Notes;
using Detente.Record.Proofs;
using Detente.Record.Statements;
using Detente.Record.Witness;

namespace Detente.Storage;

/// <summary>Reading the log (entries, nodes, proofs) and the witnessed state.</summary>
public abstract partial class DbRecordStore
{
    /// <inheritdoc/>
    public InclusionProofFile ProveInclusion(long index) => RecordProofs.ProveInclusion(this, index);

    /// <inheritdoc/>
    public InclusionProofFile ProveInclusion(long index, SignedNote checkpoint) => RecordProofs.ProveInclusion(this, index, checkpoint);

    /// <inheritdoc/>
    public IMerkleNodeSource Tree(long size) => RecordProofs.Tree(this, size);

    /// <inheritdoc/>
    public ConsistencyProof ProveConsistency(long oldSize, long newSize) => RecordProofs.ProveConsistency(this, oldSize, newSize);

    /// <inheritdoc/>
    public MerkleHash Node(int level, long index) => Run("reading a tree node", () => ReadNode(null, level, index));

    /// <inheritdoc/>
    public byte[] Entry(long index) => Run("reading an entry", () =>
    {
        if (index < 0 || (index >= _integratedSize && index >= ReadSize(null)))
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        // Invariant: every integrated index has its entry; a missing one means the store was changed.
        return Scalar<byte[]>(null, "SELECT entry FROM entries WHERE idx = @i", ("i", index))
            ?? throw new RecordStoreException(StorageMessages.EntryMissing(index), isTransient: false, isCorrupt: true);
    });

    /// <inheritdoc/>
    public IReadOnlyList<byte[]> Entries(long start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Run("reading entries", () =>
        {
            var list = new List<byte[]>(Math.Min(count, 4096));
            var end = Math.Min(start + count, ReadSize(null));
            using var cmd = Command(null, "SELECT entry FROM entries WHERE idx >= @s AND idx < @e ORDER BY idx", ("s", start), ("e", end));
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                list.Add((byte[])reader[0]);
            }

            return list;
        });
    }

    /// <inheritdoc/>
    public bool SaveWitnessed(WitnessRecord record, WitnessRecord? expected)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Run("saving witnessed state", () =>
        {
            // Invariant: the compare and the update happen under one write lock, so two requests cannot roll a log back.
            using var tx = BeginWrite();
            var current = ReadWitnessed(tx, record.Origin);
            if (current?.Size != expected?.Size || current?.RootHash != expected?.RootHash)
            {
                return false;
            }

            Execute(tx, "INSERT INTO witnessed (origin, size, root, note) VALUES (@o, @s, @r, @n) "
                + "ON CONFLICT (origin) DO UPDATE SET size = excluded.size, root = excluded.root, note = excluded.note",
                ("o", record.Origin), ("s", record.Size), ("r", record.RootHash.ToArray()), ("n", (object?)record.Checkpoint?.ToString() ?? DBNull.Value));
            tx.Commit();
            return true;
        });
    }

    /// <inheritdoc/>
    public WitnessRecord? Witnessed(string origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        return Run("reading witnessed state", () => ReadWitnessed(null, origin));
    }
}
