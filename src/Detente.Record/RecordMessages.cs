using System.Globalization;
using Detente.Record.Keys;

namespace Detente.Record;

/// <summary>Every message the record library reports, in one place so wording stays consistent and reviewable.</summary>
internal static class RecordMessages
{
    // Canonical JSON (RFC 8785)
    public const string JsonByteOrderMark = "a byte-order mark is not allowed before JSON";
    public const string JsonTrailingData = "unexpected data after the JSON value";
    public const string JsonUnexpectedEnd = "unexpected end of JSON";
    public const string JsonBadNumber = "malformed number: expected a digit";
    public const string JsonLeadingZero = "malformed number: leading zeros are not allowed";
    public const string JsonNonFiniteNumber = "number is not finite: it is outside the IEEE 754 double range";
    public const string JsonUnterminatedString = "unterminated string";
    public const string JsonControlCharacter = "control character in a string must be escaped";
    public const string JsonBadEscape = "invalid escape sequence in a string";
    public const string JsonInvalidUtf8 = "invalid UTF-8";
    public const string JsonNotCanonical = "JSON is valid but not in RFC 8785 canonical form; first difference here";

    public static string JsonUnexpectedByte(byte b) => $"unexpected {Describe(b)}: expected a JSON value";

    public static string JsonExpected(string what, byte found) => $"expected {what}, found {Describe(found)}";

    public static string JsonDuplicateKey(string name) => $"duplicate member name \"{name}\"";

    public static string JsonLoneSurrogate(int unit) =>
        $"lone surrogate \\u{unit.ToString("X4", CultureInfo.InvariantCulture)} is not a Unicode character";

    public static string JsonTooDeep(int max) => $"JSON nested deeper than {max} levels";

    // Hashes and Merkle trees
    public static string HashLength(int length) => $"a SHA-256 hash has 32 bytes, not {length}";

    public static string HashBase64(string? text) => $"'{text}' is not the base64 of a 32-byte hash";

    public static string HashHex(string? text) => $"'{text}' is not 64 hexadecimal digits";

    public static string SubtreeMisaligned(long width, long size) =>
        $"a subtree of {width} leaves is not a power of two of at least 2, with one level for each halving, starting at a multiple of its width (the tree has {size})";

    public static string NodeOutOfRange(int level, long index, long size) =>
        $"no complete subtree at level {level}, index {index} in a tree of {size} leaves";

    public static string IndexOutsideTree(long index, long size) => $"index {index} is outside a tree of {size} leaves";

    public static string SizeBeyondSource(long size, long available) => $"tree size {size} is beyond the {available} leaves available";

    public static string ConsistencySizes(long size1, long size2) => $"cannot prove size {size1} consistent with size {size2}";

    // Keys
    public const string PrivateKeyShape = "expected a private key 'PRIVATE+KEY+<name>+<hex8>+<base64(0x01||seed)>'";
    public const string PrivateKeyIdMismatch = "the private key's key id does not match its name and key";

    public static string BadKeyName(string? name) => $"'{name}' is not a key name: it must be non-empty, without spaces, controls or '+'";

    public static string KeyIdHex(string? hex) => $"'{hex}' is not a key id: expected 8 hexadecimal digits";

    public static string KeyReferenceShape(string? text) => $"'{text}' is not a key reference: expected '<name>+<hex8>'";

    public static string VerifierKeyShape(string? vkey) => $"'{vkey}' is not a verifier key: expected '<name>+<hex8>+<base64(type||key)>'";

    public static string VerifierKeyIdMismatch(string vkey, KeyId computed) => $"verifier key '{vkey}' has the wrong key id; computed {computed}";

    public static string UnsupportedSignatureType(byte type) =>
        $"signature type 0x{type.ToString("x2", CultureInfo.InvariantCulture)} is not supported: expected 0x01 (Ed25519) or 0x04 (cosignature/v1)";

    public static string PublicKeyLength(int length) => $"an Ed25519 public key has 32 bytes, not {length}";

    public static string SeedLength(int length) => $"an Ed25519 seed has 32 bytes, not {length}";

    // Signed notes, checkpoints, cosignatures
    public const string NoteNotUtf8 = "note is not valid UTF-8";
    public const string NoteControlCharacter = "note contains a control character other than newline";
    public const string NoteNoBlankLine = "note has no blank line separating text from signatures";
    public const string NoteNoSignatures = "note has no signature lines, or they do not end in a newline";
    public const string NoteSignatureLine = "signature line must be '\u2014 <key name> <base64>'";
    public const string NoteSignatureBase64 = "signature line does not hold base64 of a key id and a signature";
    public const string NoteNoKnownSignature = "no signature from a known key verified the note";
    public const string NoteTextShape = "note text must be non-empty, end in a newline, have no blank line and no control characters";
    public const string HistoryShape =
        "checkpoint history must have five lines: the header, 'origin …', 'checkpoints N', 'chain <base64>' and 'enrolments <base64>'";

    public const string NoCheckpoint = "the store has no checkpoint yet; integrate and sign one first";

    public static string UnknownCheckpoint(long size) => $"no stored checkpoint has size {size} with this text";

    public static string WitnessStateContended(int rounds) =>
        $"the witnessed state changed under {rounds} requests in a row; retry";

    public const string CheckpointShape = "checkpoint must have an origin line, a size line and a root hash line, each ending in a newline";
    public const string CheckpointExtension = "checkpoint extension lines must be non-empty single lines";
    public const string CosignatureTimeZero = "a cosignature timestamp must be nonzero";

    public static string NoteTooManySignatures(int max) => $"note has more than {max} signatures";

    public static string NoteBadSignature(KeyReference key) => $"the signature by known key {key} does not verify";

    public static string CheckpointOrigin(string? origin) => $"'{origin}' is not a checkpoint origin: it must be a non-empty line";

    public static string CheckpointSize(string text) => $"'{text}' is not a tree size: expected a decimal number without leading zeros";

    // Keyrings
    public const string KeyringStatementParty = "a statement key must name the party it signs for";

    public static string KeyringDuplicate(string name) => $"the keyring already holds a key named '{name}'";

    public static string KeyringPermissions(string path) =>
        $"keyring '{path}' may be read or written by group or others; run 'chmod 600 {path}' and try again";

    public static string KeyringShape(string path, string detail) => $"keyring '{path}' is malformed: {detail}";

    public static string KeyringFormat(string path, string format) => KeyringShape(path, $"expected format '{format}' and a 'keys' array");

    public static string KeyringEntryShape(string path) => KeyringShape(path, "each key needs 'private' and 'purpose'");

    public static string KeyringParty(string path, string party) => KeyringShape(path, $"'{party}' is not a party code");

    // Tiles and log verification
    public const string BundleTruncated = "entry bundle ends inside an entry or its length prefix";
    public const string TileMissing = "tile or entry bundle is missing";
    public const string TileDiffers = "tile does not match the hashes the entries imply; first differing byte given";

    public static string TilePath(string path) => $"'{path}' is not a tile path like tile/0/x001/x234/067.p/8 or tile/entries/000";

    public static string TileShort(string path) => $"tile {path} is shorter than its width says";

    public static string EntryTooLargeForBundle(int length) => $"an entry of {length} bytes cannot be put in an entry bundle (limit 65,535)";

    public static string BundleCount(int found, int expected) => $"entry bundle holds {found} entries; expected {expected}";

    public static string TilesRolledBack(long trusted, long size) =>
        $"rolled back: a trusted checkpoint covers {trusted} entries but the directory's checkpoint only {size} (a tail was deleted or an older copy served)";

    public static string TilesRewritten(long trusted) =>
        $"rewritten: the first {trusted} entries do not hash to the root of the trusted checkpoint of that size";

    public static string TrustedCheckpointForeign(string reason) => $"the trusted checkpoint is not a checkpoint of this log signed by its key: {reason}";

    public static string TileNotRegular(string path) => $"{path} is not a regular file (a device, pipe or socket, or a link to one)";

    public static string TileTooLarge(string path, long limit) => $"{path} is larger than any tile can be ({limit} bytes)";

    public static string RootMismatch(long size) => $"the root of the first {size} entries does not match the checkpoint";

    public static string ExportCheckpointMismatch(long size) => $"the checkpoint for size {size} does not match the log's root at that size";

    // Proof files
    public const string ProofNoBlankLine = "proof has no empty line before the checkpoint";

    public static string ProofHeader(string line) => $"proof must start with 'c2sp.org/tlog-proof@v1', not '{line}'";

    public static string ProofLine(int line, string detail) => $"proof line {line}: {detail}";

    public static string ProofOrigin(string found, string expected) => $"checkpoint is from log '{found}', not '{expected}'";

    public static string ProofNoLogSignature(string origin) => $"no trusted key of log '{origin}' signed the checkpoint";

    public static string ProofQuorum(int found, int needed) => $"{found} trusted witnesses cosigned the checkpoint; {needed} needed";

    public static string ProofInclusion(long index, long size) => $"the inclusion proof for index {index} does not lead to the root of size {size}";

    // Row proofs (a row of an observation batch)
    public static string RowProofLine(int line, string detail) => $"row proof line {line}: {detail}";

    public static string RowProofNotBatch(string kind) => $"the proven statement is a {kind}, not an observation-batch";

    public static string RowProofDigest(string actual, string signed) =>
        $"the rows in the row proof hash to {actual}, but the batch statement binds {signed}";

    public static string RowProofCount(long actual, long signed) => $"the row proof holds {actual} rows, but the batch statement binds {signed}";

    public static string RowProofRow(long row, long count) => $"row {row} asked for, but the batch holds {count} rows";

    public static string RowProofNotCanonical(long row) => $"row {row} of the row proof is not canonical JSON (RFC 8785)";

    // Witness
    public const string WitnessRequestShape = "request must be 'old <size>', proof lines, an empty line, then a signed checkpoint";
    public const string WitnessEmptyRoot = "a checkpoint of size 0 must have the root SHA-256(\"\")";
    public const string WitnessProofFromZero = "the consistency proof must be empty when the old size is 0";
    public const string WitnessSameSizeOtherRoot = "the checkpoint has the stored size but a different root hash (or a non-empty proof)";

    public static string WitnessTooManyProofLines(int max) => $"request carries more than {max} proof lines";

    public static string WitnessUnknownOrigin(string origin) => $"this witness does not follow log '{origin}'";

    public static string WitnessOldBeyondNew(long old, long size) => $"old size {old} is beyond the checkpoint size {size}";

    public static string WitnessBadProof(long old, long size) => $"the consistency proof from {old} to {size} does not verify";

    // Statements
    public const string StatementNoAuthor = "a statement needs an author party";
    public const string StatementBodyNotObject = "a statement body must be a JSON object";
    public const string StatementNotObject = "a statement entry must be a JSON object";

    public static string StatementSignedWithOtherKey(KeyReference expected, KeyReference actual) =>
        $"the statement names key {expected} but is being signed with {actual}";

    public static string StatementTooLarge(int length, int max) => $"entry is {length} bytes; the record accepts at most {max}";

    public static string StatementNotCanonical(Canonical.CanonicalJsonError error) => $"entry is not canonical JSON: {error}";

    public static string StatementMembers(IEnumerable<string> found, IEnumerable<string> expected) =>
        $"entry members are [{string.Join(", ", found)}]; expected exactly [{string.Join(", ", expected)}]";

    public static string StatementBadField(string member, string expected) => $"member '{member}' must be {expected}";

    public static string StatementUnknownKind(string? kind) => $"'{kind}' is not a statement kind";

    public static string StatementUnknownKey(KeyReference key) => $"key {key} is not known to the record";

    public static string StatementKeyExists(KeyReference key) => $"key {key} is already in the record";

    public static string StatementKeyType(KeyReference key) => $"key {key} must be an Ed25519 note key (type 0x01)";

    public static string StatementKeyOwner(KeyReference key, Detente.Core.PartyId owner, Detente.Core.PartyId author) =>
        $"key {key} belongs to {owner}, not to the author {author}";

    public static string StatementRevokedKey(KeyReference key) => $"key {key} was revoked or rotated out";

    public static string StatementBadSignature(KeyReference key) => $"the signature does not verify under key {key}";

    public static string StatementReplayed(Detente.Core.PartyId author, long sequence, long next) =>
        $"{author} already used sequence number {sequence}; the next is {next} (replay)";

    public static string StatementSkipped(Detente.Core.PartyId author, long sequence, long next) =>
        $"{author} sequence number {sequence} skips ahead; the next is {next}";

    public static string StatementInFuture(DateTimeOffset time, DateTimeOffset now, TimeSpan skew) =>
        $"statement time {time:u} is more than {skew.TotalSeconds:0} s after the validator's clock ({now:u})";

    public static string StatementBodyMember(string kind, string member, string expected) =>
        $"a {kind} body needs member '{member}' holding {expected}";

    private static string Describe(byte b) => b is >= 0x20 and < 0x7F
        ? $"'{(char)b}'"
        : $"byte 0x{b.ToString("x2", CultureInfo.InvariantCulture)}";

    public static string KeyringIsLink(string path) =>
        $"the keyring {path} is a symbolic link; refusing to write private keys through it (replace it with the file itself)";
}
