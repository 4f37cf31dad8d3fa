using System.Globalization;

namespace Detente.Storage;

/// <summary>Every message the storage component reports, in one place.</summary>
internal static class StorageMessages
{
    public const string NoCheckpoint = "the store has no checkpoint yet; integrate and sign one first";
    public const string EntryHashChanged = "the stored entry no longer hashes to its stored leaf hash";
    public const string NodeChanged = "a stored tree node differs from the hash its children imply";
    public const string IndexGap = "log indices are not contiguous from 0";
    public const string StatementInvalid = "a stored statement no longer validates";

    public static string OriginMismatch(string keyName, string origin) =>
        $"the log key is named '{keyName}' but the store's origin is '{origin}'";

    public static string WrongOrigin(string existing, string requested) =>
        $"the store was created for origin '{existing}', not '{requested}'";

    public static string UnknownCheckpoint(long size) => $"no stored checkpoint has size {size} with this text";

    public static string CheckpointInvalid(long size, string reason) => $"stored checkpoint of size {size}: {reason}";

    public static string CheckpointRoot(long size) => $"stored checkpoint of size {size} does not match the root of the stored entries";

    public static string NewerSchema(int found, int known) =>
        $"the store has schema version {found.ToString(CultureInfo.InvariantCulture)}, newer than this program's {known.ToString(CultureInfo.InvariantCulture)}; "
        + "use a newer detente";

    public static string PendingUnreadable(long index, string reason) =>
        $"migrating the store: the pending statement that would become entry {index.ToString(CultureInfo.InvariantCulture)} cannot be read: {reason}";

    public static string EntryMissing(long index) =>
        $"entry {index.ToString(CultureInfo.InvariantCulture)} was accepted but is not stored; the store is damaged (run 'detente record verify')";

    public static string PendingLeafChanged(long index) =>
        $"pending entry {index.ToString(CultureInfo.InvariantCulture)} no longer hashes to the leaf hash written when it was appended; not integrated";

    public static string PendingRefused(long index, string reason) =>
        $"pending entry {index.ToString(CultureInfo.InvariantCulture)} was re-read and no longer passes: {reason}; nothing was integrated "
        + "(the entry was changed in storage after it was appended; run 'detente record verify')";

    public static string Database(string operation) => $"database error while {operation}";

    public static string Node(int level, long index) => $"nodes(level {level.ToString(CultureInfo.InvariantCulture)}, index {index.ToString(CultureInfo.InvariantCulture)})";

    public static string NodeMissing(int level, long index) =>
        $"{Node(level, index)} of the integrated tree is not stored; the store was changed (run 'detente record verify')";

    public static string NodeExtra(int level, long index, long size) =>
        $"{Node(level, index)} is stored but is no node of the integrated tree of {N(size)} entries";

    public static string TableUnreadable(string table, string reason) => $"{table} cannot be read as the store wrote it: {reason}";

    public static string FileCorrupt(string problem) => $"the database engine finds the file damaged: {problem}";

    public static string MetaOrigin(string? found, string origin) => $"meta says the origin is '{found}', not '{origin}'";

    public static string MetaCounter(string name, string? value) =>
        $"meta.{name} is {(value is null ? "missing" : $"'{value}'")}, not a count of entries";

    public static string EnrolmentUnreadable(string reference, string reason) => $"enrolled key {reference}: {reason}";

    public static string EnrolmentMismatch(string reference, string actual, string party) =>
        $"enrolled key {reference} of '{party}': the stored verifier key is {actual} (or the party code is not valid)";

    public static string EnrolmentBeyond(string reference, long position, long stored) =>
        $"enrolled key {reference} applies from entry {N(position)}, beyond the {N(stored)} stored entries";

    public static string EntriesMissing(long first, long last) =>
        first == last ? $"entry {N(first)} is not stored (indices jump over it)" : $"entries {N(first)}–{N(last)} are not stored (indices jump over them)";

    public static string ColumnChanged(string column, string? stored, string signed) =>
        $"the {column} column says '{stored}' but the signed entry says '{signed}'";

    public static string AcceptedChanged(long accepted, long stored) =>
        $"meta.accepted says {N(accepted)} statements were accepted, but {N(stored)} entries are stored";

    public static string SizeBeyond(long size, long stored) =>
        $"meta.size says {N(size)} entries are integrated, but only {N(stored)} are stored";

    public static string KeyNotDerived(string reference, string party) =>
        $"statement key {reference} of '{party}' is neither enrolled nor introduced by a key-rotation entry";

    public static string KeyChanged(string reference, string party, string owner) =>
        $"statement key {reference}: the table says it is a key of '{party}', but the entries give it to {owner} (or the key itself differs)";

    public static string RevokedChanged(string reference, bool stored, bool derived) =>
        $"statement key {reference} is marked {(stored ? "revoked" : "live")}, but the key-event entries leave it {(derived ? "revoked" : "live")}";

    public static string KeyMissing(string reference, string party) =>
        $"statement key {reference} of {party} (enrolled or introduced by the entries) is missing from the key table";

    public static string SequenceChanged(string party, long stored, long derived) =>
        $"sequences says {party}'s last statement is {N(stored)}, but its last stored statement is {N(derived)}";

    public static string SequenceNoStatements(string party, long stored) =>
        $"sequences says {party}'s last statement is {N(stored)}, but no statement of {party} is stored";

    public static string SizeBelowCheckpoint(long size, long checkpoint) =>
        $"meta.size says {N(size)} entries are integrated, but a checkpoint signed by the log key covers {N(checkpoint)}";

    public static string NotSigned(string what) =>
        $"the log key re-read the tree before signing a checkpoint and refused: {what}; nothing was signed (the store was changed outside detente; run 'detente record verify')";

    public static string SizeAboveAccepted(long size, long accepted) =>
        $"meta.size says {N(size)} entries are integrated, but meta.accepted says only {N(accepted)} were accepted";

    public static string CheckpointNotSigned(long size, string reason) =>
        $"the stored checkpoint of size {N(size)} (the one to extend) does not verify under the log key: {reason}";

    public static string FrontierChanged(long size, string how) =>
        $"nodes: the stored subtree hashes of the checkpoint signed at size {N(size)} changed: {how}";

    public static string IntegratedEntryMissing(long size, long index) =>
        $"meta.size says {N(size)} entries are integrated, but entry {N(index)} is not stored";

    public static string LeafHashChanged(long index) =>
        $"entries.leaf_hash of entry {N(index)} is not the hash of its stored bytes";

    public static string IntegratedRefused(long index, long checkpoint, string reason) =>
        $"entry {N(index)}, integrated after the checkpoint at size {N(checkpoint)}, was re-read and no longer passes: {reason}";

    public static string NodeDiffers(int level, long index) =>
        $"{Node(level, index)} is not the hash recomputed from the entries below it";

    public static string IntegratedNodeMissing(int level, long index, long size) =>
        $"{Node(level, index)} is missing although meta.size says {N(size)} entries are integrated (meta.size raised, or the node deleted)";

    public static string NodeBeyondSize(int level, long index, long size) =>
        $"{Node(level, index)} stands over entries beyond meta.size = {N(size)} (meta.size lowered, or a node added)";

    public static string MetaOriginNotKey(string origin, string key) =>
        $"meta says the log is '{origin}', but the log key is named '{key}' (the origin of its checkpoints)";

    public const string KeyOrigins = "; no key in enrolled_keys or introduced by an earlier key-rotation entry is that key of that party";

    public static string SequenceMissing(string party, long last) =>
        $"sequences has no row for {party}, whose last stored statement is {N(last)}";

    public static string CheckpointBeyond(long size, long tree) =>
        $"stored checkpoint of size {N(size)} covers more entries than the {N(tree)} integrated ones (entries deleted or the size rolled back)";

    public static string TrustedNotSigned(string reason) => $"--trusted-checkpoint: not signed by the log key: {reason}";

    public static string TrustedOrigin(string found, string origin) => $"--trusted-checkpoint: it is a checkpoint of '{found}', not of this log '{origin}'";

    public static string RolledBack(long trusted, long tree) =>
        $"rolled back: a trusted checkpoint covers {N(trusted)} entries but the store's log holds {N(tree)} (a tail was deleted or the store restored from an older copy)";

    public static string TrustedRewritten(long trusted) =>
        $"rewritten: the store's first {N(trusted)} entries do not hash to the root of the trusted checkpoint of that size";

    public static string CheckpointsRolledBack(long? latest, long trusted) =>
        $"the latest stored checkpoint ({(latest is { } l ? "size " + N(l) : "none")}) is older than the trusted checkpoint of size {N(trusted)}: checkpoints were deleted or rolled back";

    public static string TrustedInconsistent(long trusted, long latest) =>
        $"the consistency proof from the trusted checkpoint (size {N(trusted)}) to the latest stored one (size {N(latest)}) does not verify: a fork";

    public static string WitnessedNoNote(string origin) =>
        $"witnessed state of {origin}: the row keeps no cosigned checkpoint, so nothing vouches for its size and root "
        + "(a row written before schema 3 keeps none: the witness's next cosignature for that log replaces it)";

    public static string WitnessedNotCosigned(string origin, long size) =>
        $"witnessed state of {origin}: the kept checkpoint of size {size} carries no valid cosignature by this witness's key";

    public static string HistoryMissing(long size) =>
        $"the latest checkpoint (size {size}) has no signed history, so deleted older checkpoints or moved enrolments would not show; "
        + "sign one with 'detente record checkpoint' (a store written before schema 4 has none)";

    public static string HistoryInvalid(long size, string reason) => $"the signed history of the checkpoint of size {size}: {reason}";

    public static string CheckpointsDeleted(long size, long signed, long stored) =>
        $"the log key signed {signed} checkpoints up to size {size}, the store holds {stored}: {signed - stored} signed checkpoints were deleted";

    public static string CheckpointsReplaced(long size, long signed, long stored) =>
        $"the checkpoints up to size {size} are not the {signed} the log key's history chains (the store holds {stored}): one was replaced or added";

    public static string EnrolmentsChanged(long size) =>
        $"the keys enrolled for the entries below {size} are not those the log key signed with its checkpoint of size {size}: "
        + "an enrolment was added, removed, moved or edited since";

    public static string FactExtra(string id) => $"a cached fact '{id}' that its entry does not state";

    public static string FactChanged(string id, string difference) =>
        $"the cached fact '{id}' differs from what its entry states" + (difference.Length == 0 ? "" : $": {difference}");

    public static string FactMissing(string id) => $"the fact '{id}' its entry states is not cached (the body rules would not see it)";

    public static string FactsMissing(long more) => $"{more} more facts the entries state are not cached";

    public static string WitnessedChanged(string origin) =>
        $"witnessed state of {origin}: size or root differ from the cosigned checkpoint kept with them";

    public static string WitnessedUnreadable(string origin, string reason) => $"witnessed state of {origin}: the kept checkpoint cannot be read: {reason}";

    public static string Unauthenticated(long authenticated, long stored, long integrated, long pending) =>
        $"unauthenticated: entries {N(authenticated)}–{N(stored - 1)} are covered by no checkpoint signed by the log key "
        + $"({N(integrated)} integrated, {N(pending)} pending); if they were just appended, run 'detente record integrate' and "
        + "'detente record checkpoint', otherwise their checkpoints were deleted or they were added behind the log's back";

    public static string MoreProblems(long n) => $"… and {N(n)} more differences like the ones above";

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
