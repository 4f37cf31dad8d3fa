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
        $"entry {index.ToString(CultureInfo.InvariantCulture)} was accepted but is not stored; the store is damaged";

    public static string PendingLeafChanged(long index) =>
        $"pending entry {index.ToString(CultureInfo.InvariantCulture)} no longer hashes to the leaf hash written when it was appended; not integrated";

    public static string PendingRefused(long index, string reason) =>
        $"pending entry {index.ToString(CultureInfo.InvariantCulture)} was re-read and no longer passes: {reason}; nothing was integrated "
        + "(the entry was changed in storage after it was appended; run 'detente record verify')";

    public static string Database(string operation) => $"database error while {operation}";

    public static string Node(int level, long index) => $"nodes(level {level.ToString(CultureInfo.InvariantCulture)}, index {index.ToString(CultureInfo.InvariantCulture)})";
}
