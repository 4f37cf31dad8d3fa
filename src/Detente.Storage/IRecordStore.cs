using Detente.Core;
using Detente.Record;
using Detente.Record.Keys;
using Detente.Record.Merkle;
using Detente.Record.Notes;
using Detente.Record.Proofs;
using Detente.Record.Statements;
using Detente.Record.Tiles;
using Detente.Record.Witness;

namespace Detente.Storage;

/// <summary>
/// Where the record is kept: statements are validated and appended — given their log index and leaf hash, pending until
/// integrated — then integrated in batches into the Merkle log (tree nodes, size), and checkpoints are signed over the integrated tree. Implementations: SQLite for one analyst,
/// PostgreSQL for a shared server; both pass the same specification tests.
/// Every method either completes durably or throws <see cref="RecordStoreException"/>, whose <c>IsTransient</c> says whether a retry can help.
/// </summary>
public interface IRecordStore : IEntrySource, IDisposable
{
    /// <summary>The log's origin, fixed when the store is created; checkpoints carry it.</summary>
    string Origin { get; }

    /// <summary>Accepted statements not yet integrated into the tree.</summary>
    long PendingCount { get; }

    /// <summary>The validation state: keys and each party's last accepted sequence number (pending statements included).</summary>
    RecordState State { get; }

    /// <summary>Enrols a party's key from outside the record (e.g. a configuration signed off by the parties).</summary>
    void Enrol(PartyId party, VerifierKey key);

    /// <summary>Validates an entry against <see cref="State"/> at <paramref name="now"/> and, if accepted, stores it as pending. Nothing is written on rejection.</summary>
    StatementCheck Append(ReadOnlySpan<byte> entry, DateTimeOffset now);

    /// <summary>
    /// Validates entries in order (each against the state left by the ones before) and stores the accepted ones as pending in one
    /// durable transaction; rejected entries are not written. Returns one check per entry. This is the bulk path for observations.
    /// </summary>
    IReadOnlyList<StatementCheck> AppendBatch(IReadOnlyList<byte[]> entries, DateTimeOffset now);

    /// <summary>
    /// Enrols <paramref name="enrol"/>'s keys and appends <paramref name="entries"/> in one transaction, all or nothing: when any entry is
    /// rejected (by the validator or a body rule), no key is enrolled and nothing is written. For a party's first statement with a new key.
    /// </summary>
    IReadOnlyList<StatementCheck> AppendBatch(IReadOnlyList<byte[]> entries, DateTimeOffset now, IReadOnlyList<(PartyId Party, VerifierKey Key)> enrol);

    /// <summary>
    /// Appends a stream of batches, each as <see cref="AppendBatch(IReadOnlyList{byte[]}, DateTimeOffset)"/> does: validated against the state the batches before it left,
    /// its accepted statements committed durably in one transaction per batch, in order. While one batch is written and committed,
    /// the next one's signatures are checked on every core, so commits do not leave the cores idle. <paramref name="committed"/> is
    /// called with each batch's checks right after its commit (its acknowledgement); returns every check, in order. If a batch fails
    /// to commit, the batches before it stay committed and the exception is thrown.
    /// </summary>
    IReadOnlyList<StatementCheck> AppendBatches(
        IEnumerable<IReadOnlyList<byte[]>> batches, DateTimeOffset now, Action<IReadOnlyList<StatementCheck>>? committed = null);

    /// <summary>Integrates up to <paramref name="maxEntries"/> pending statements, in order, in one transaction.</summary>
    Integration Integrate(int maxEntries = 256);

    /// <summary>Signs a checkpoint of the integrated tree with the log key (whose name must equal <see cref="Origin"/>) and stores it.</summary>
    SignedNote Checkpoint(SigningKey logKey);

    /// <summary>Stores a checkpoint note that gained signatures (e.g. witness cosignatures); its text must match a stored checkpoint.</summary>
    void SaveCosigned(SignedNote checkpoint);

    /// <summary>The latest stored checkpoint; null before the first.</summary>
    SignedNote? LatestCheckpoint();

    /// <summary>The offline proof that entry <paramref name="index"/> is in the tree of the latest checkpoint.</summary>
    InclusionProofFile ProveInclusion(long index);

    /// <summary>
    /// The offline proof that entry <paramref name="index"/> is in the tree of <paramref name="checkpoint"/> (a checkpoint of this log):
    /// for serving many proofs against one checkpoint without reading it again. Tree nodes are cached once read.
    /// </summary>
    InclusionProofFile ProveInclusion(long index, SignedNote checkpoint);

    /// <summary>The integrated tree at <paramref name="size"/> (at most <see cref="IEntrySource"/>'s size), for proofs with <see cref="MerkleProofs"/>.</summary>
    IMerkleNodeSource Tree(long size);

    /// <summary>The consistency proof between two integrated tree sizes.</summary>
    ConsistencyProof ProveConsistency(long oldSize, long newSize);

    /// <summary>
    /// Answers a tlog-witness <c>add-checkpoint</c> request for another log, reading this node's latest cosigned state for that
    /// origin and persisting the new state in the same transaction before returning, as tlog-witness requires.
    /// </summary>
    WitnessResponse Witness(CheckpointWitness witness, ReadOnlySpan<byte> requestBody, DateTimeOffset now);

    /// <summary>The latest checkpoint this node cosigned for <paramref name="origin"/>; null if none.</summary>
    WitnessRecord? Witnessed(string origin);

    /// <summary>
    /// Trusts only the entries' bytes, the enrolled keys and the checkpoints signed by one of <see cref="StoreVerification.LogKeys"/>,
    /// and re-derives every other table from them: leaf hashes and entry columns, keys and revocations, sequences, the counters,
    /// every tree node (none missing, none extra), batch rows (bounded, no orphans) and the witnessed state; each stored checkpoint's
    /// signature and root; and, given a trusted checkpoint, that the store still holds its tree. Entries no signed checkpoint covers
    /// are reported as unauthenticated. Reports every difference (a few per table, the rest counted), first found first.
    /// </summary>
    VerificationReport Verify(StoreVerification options);

    /// <summary>As <see cref="Verify(StoreVerification)"/> with every signature checked and no trusted checkpoint.</summary>
    VerificationReport Verify(IEnumerable<VerifierKey> logKeys);

    /// <summary>
    /// As <see cref="Verify(StoreVerification)"/>; with <paramref name="statements"/> false statement signatures are not checked (everything
    /// else is).
    /// </summary>
    VerificationReport Verify(IEnumerable<VerifierKey> logKeys, bool statements);
}

/// <summary>The result of one integration batch.</summary>
/// <param name="FirstIndex">The log index given to the first integrated entry.</param>
/// <param name="Count">How many entries were integrated.</param>
/// <param name="Size">The tree size afterwards.</param>
public readonly record struct Integration(long FirstIndex, int Count, long Size);
