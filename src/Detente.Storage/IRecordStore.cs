using Detente.Record;
using Detente.Record.Driver;
using Detente.Record.Merkle;
using Detente.Record.Notes;
using Detente.Record.Proofs;
using Detente.Record.Statements;

namespace Detente.Storage;

/// <summary>
/// The record store: the narrow <see cref="IRecordDriver"/> (append, read, integrate, checkpoint state) implemented for SQLite and
/// PostgreSQL, plus <see cref="Verify(StoreVerification)"/>, which re-derives every cached table, and a few members kept so code
/// written against the wider store keeps compiling while it moves to the driver: single-entry <see cref="Append"/>, the
/// enrol-free <see cref="AppendBatch(IReadOnlyList{byte[]}, DateTimeOffset)"/>, and proofs that delegate to
/// <see cref="RecordProofs"/>. Every method either completes durably or throws <see cref="RecordStoreException"/>, whose
/// <c>IsTransient</c> says whether a retry can help.
/// </summary>
public interface IRecordStore : IRecordDriver
{
    /// <summary>Validates an entry against <see cref="IRecordDriver.State"/> at <paramref name="now"/> and, if accepted, stores it as pending. Nothing is written on rejection.</summary>
    StatementCheck Append(ReadOnlySpan<byte> entry, DateTimeOffset now);

    /// <summary>
    /// Validates entries in order (each against the state left by the ones before) and stores the accepted ones as pending in one
    /// durable transaction; rejected entries are not written. Returns one check per entry. This is the bulk path for observations.
    /// </summary>
    IReadOnlyList<StatementCheck> AppendBatch(IReadOnlyList<byte[]> entries, DateTimeOffset now);

    /// <summary>
    /// As <see cref="IRecordDriver.AppendBatch(IReadOnlyList{byte[]}, DateTimeOffset, IReadOnlyList{ValueTuple{Core.PartyId, Record.Keys.VerifierKey}})"/>:
    /// enrols the keys and appends the entries in one transaction, all or nothing (declared here too so both overloads are found on the store).
    /// </summary>
    new IReadOnlyList<StatementCheck> AppendBatch(IReadOnlyList<byte[]> entries, DateTimeOffset now, IReadOnlyList<(Core.PartyId Party, Record.Keys.VerifierKey Key)> enrol);

    /// <summary>As <see cref="IRecordDriver.Integrate"/>, with the result as <see cref="Storage.Integration"/> (kept for existing callers).</summary>
    new Integration Integrate(int maxEntries = 256);

    /// <summary>Kept for existing callers: <see cref="RecordProofs.ProveInclusion(IRecordDriver, long)"/>.</summary>
    InclusionProofFile ProveInclusion(long index);

    /// <summary>Kept for existing callers: <see cref="RecordProofs.ProveInclusion(IRecordDriver, long, SignedNote)"/>.</summary>
    InclusionProofFile ProveInclusion(long index, SignedNote checkpoint);

    /// <summary>Kept for existing callers: <see cref="RecordProofs.Tree"/>.</summary>
    IMerkleNodeSource Tree(long size);

    /// <summary>Kept for existing callers: <see cref="RecordProofs.ProveConsistency"/>.</summary>
    ConsistencyProof ProveConsistency(long oldSize, long newSize);

    /// <summary>
    /// Trusts only the entries' bytes, the enrolled keys and the checkpoints (and their histories) signed by one of
    /// <see cref="StoreVerification.LogKeys"/>, and re-derives every other table from them: leaf hashes and entry columns, keys and
    /// revocations, sequences, the counters, every tree node (none missing, none extra), the facts cache, batch rows (bounded, no
    /// orphans) and the witnessed state; each stored checkpoint's signature, root and history; and, given a trusted checkpoint, that
    /// the store still holds its tree. Entries no signed checkpoint covers are reported as unauthenticated. Reports every
    /// difference (a few per table, the rest counted), first found first.
    /// </summary>
    VerificationReport Verify(StoreVerification options);

    /// <summary>As <see cref="Verify(StoreVerification)"/> with every signature checked and no trusted checkpoint.</summary>
    VerificationReport Verify(IEnumerable<Record.Keys.VerifierKey> logKeys);

    /// <summary>
    /// As <see cref="Verify(StoreVerification)"/>; with <paramref name="statements"/> false statement signatures are not checked (everything
    /// else is).
    /// </summary>
    VerificationReport Verify(IEnumerable<Record.Keys.VerifierKey> logKeys, bool statements);
}

/// <summary>
/// The result of one integration batch, as <see cref="IRecordStore.Integrate"/> has always returned it; the same as the driver's
/// <see cref="Record.Driver.Integration"/>, into which it converts either way.
/// </summary>
/// <param name="FirstIndex">The log index given to the first integrated entry.</param>
/// <param name="Count">How many entries were integrated.</param>
/// <param name="Size">The tree size afterwards.</param>
public readonly record struct Integration(long FirstIndex, int Count, long Size)
{
    /// <summary>The driver's form of the same result.</summary>
    public static implicit operator Record.Driver.Integration(Integration value) => new(value.FirstIndex, value.Count, value.Size);

    /// <summary>The store's form of the driver's result.</summary>
    public static implicit operator Integration(Record.Driver.Integration value) => new(value.FirstIndex, value.Count, value.Size);
}
