using Detente.Core;
using Detente.Record.Keys;
using Detente.Record.Notes;
using Detente.Record.Statements;
using Detente.Record.Tiles;
using Detente.Record.Witness;

namespace Detente.Record.Driver;

/// <summary>
/// The narrow storage driver the record's lifecycle runs over: append statements (validated and checked against the body rules
/// inside the same transaction that writes them), read entry ranges and tree nodes (<see cref="IEntrySource"/>), integrate,
/// and keep the checkpoint state — the log's own checkpoints and the checkpoints this node cosigned as a witness. Proofs
/// (<see cref="RecordProofs"/>) and the witness protocol (<see cref="WitnessState"/>) run over it here in Record; the Storage
/// component implements it for SQLite and PostgreSQL. Every member either completes durably or throws the driver's storage
/// exception, which says whether a retry can help.
/// </summary>
public interface IRecordDriver : IEntrySource, IDisposable
{
    /// <summary>The log's origin, fixed when the store is created; checkpoints carry it.</summary>
    string Origin { get; }

    /// <summary>Accepted statements not yet integrated into the tree.</summary>
    long PendingCount { get; }

    /// <summary>The validation state: keys and each party's last accepted sequence number (pending statements included).</summary>
    RecordState State { get; }

    /// <summary>Enrols a party's key from outside the record (e.g. a configuration signed off by the parties).</summary>
    void Enrol(PartyId party, VerifierKey key);

    /// <summary>
    /// Validates entries in order (each against the state left by the ones before, and the body rules against the record's state)
    /// and writes the accepted ones as pending in one durable transaction, with <paramref name="enrol"/>'s keys enrolled in it.
    /// With keys to enrol the batch is all or nothing: when any entry is rejected, nothing is written and no key enrolled.
    /// Returns one check per entry.
    /// </summary>
    IReadOnlyList<StatementCheck> AppendBatch(IReadOnlyList<byte[]> entries, DateTimeOffset now, IReadOnlyList<(PartyId Party, VerifierKey Key)> enrol);

    /// <summary>
    /// Appends a stream of batches, each committed in its own transaction, in order; <paramref name="committed"/> is called with each
    /// batch's checks right after its commit. The next batch's signatures are checked while one is written.
    /// </summary>
    IReadOnlyList<StatementCheck> AppendBatches(
        IEnumerable<IReadOnlyList<byte[]>> batches, DateTimeOffset now, Action<IReadOnlyList<StatementCheck>>? committed = null);

    /// <summary>
    /// Integrates up to <paramref name="maxEntries"/> pending statements, in order, in one transaction, after re-reading each from
    /// storage and checking its leaf hash, signature and body rules again.
    /// </summary>
    Integration Integrate(int maxEntries = 256);

    /// <summary>
    /// Signs a checkpoint of the integrated tree with the log key (whose name must equal <see cref="Origin"/>) and stores it with
    /// its signed <see cref="CheckpointHistory"/>; returns the stored one when the tree has not grown.
    /// </summary>
    SignedNote Checkpoint(SigningKey logKey);

    /// <summary>Stores a checkpoint note that gained signatures (e.g. witness cosignatures); its text must match a stored checkpoint.</summary>
    void SaveCosigned(SignedNote checkpoint);

    /// <summary>The latest stored checkpoint; null before the first.</summary>
    SignedNote? LatestCheckpoint();

    /// <summary>The latest checkpoint this node cosigned for <paramref name="origin"/> as a witness; null if none.</summary>
    WitnessRecord? Witnessed(string origin);

    /// <summary>
    /// Stores <paramref name="record"/> as the cosigned state of its origin if, under the write lock, the stored state still has the
    /// size and root of <paramref name="expected"/> (null: none stored); returns false, writing nothing, when it changed meanwhile.
    /// </summary>
    bool SaveWitnessed(WitnessRecord record, WitnessRecord? expected);
}

/// <summary>The result of one integration batch.</summary>
/// <param name="FirstIndex">The log index given to the first integrated entry.</param>
/// <param name="Count">How many entries were integrated.</param>
/// <param name="Size">The tree size afterwards.</param>
public readonly record struct Integration(long FirstIndex, int Count, long Size);
