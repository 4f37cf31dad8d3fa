using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;
using Detente.Core;
using Detente.Record;
using Detente.Record.Admission;
using Detente.Record.Canonical;
using Detente.Record.Keys;
using Detente.Record.Merkle;
using Detente.Record.Notes;
using Detente.Record.Proofs;
using Detente.Record.Statements;

namespace Detente.Storage;

/// <summary>What <see cref="IRecordStore.Verify(StoreVerification)"/> trusts and how much it checks.</summary>
/// <param name="LogKeys">The log's verifier keys: a checkpoint counts only when one of them signed it.</param>
public sealed record StoreVerification(IReadOnlyList<VerifierKey> LogKeys)
{
    /// <summary>Check every statement's Ed25519 signature (the slow part); without it, everything else is still checked.</summary>
    public bool Signatures { get; init; } = true;

    /// <summary>
    /// A checkpoint the reader already trusts (one it kept, or a witness's cosigned one), signed by one of <see cref="LogKeys"/>:
    /// the store must still hold its tree, so a rollback or a deleted tail is found. Null: none.
    /// </summary>
    public SignedNote? TrustedCheckpoint { get; init; }

    /// <summary>
    /// This node's witness keys (cosigner, type 0x04): every checkpoint kept in <c>witnessed</c> must carry a valid cosignature by one
    /// of them. Empty: the witnessed rows are only checked against the checkpoints they keep.
    /// </summary>
    public IReadOnlyList<VerifierKey> WitnessKeys { get; init; } = [];
}

/// <summary>
/// <c>record verify</c> on a database: only the entries' bytes and the checkpoints signed by the log key are trusted. Everything
/// else — <c>meta</c>'s counters, the key tables, <c>sequences</c>, the entries' leaf hashes and author/seq/kind columns, the tree
/// nodes, the stored batch rows, the witnessed state — is a cache, re-derived from them and compared.
/// </summary>
public abstract partial class DbRecordStore
{
    /// <summary>The largest stored observation row counted against a batch's signed row count when its rows are decompressed.</summary>
    public const int MaxBatchRowBytes = 65_536;

    // Entries parsed per round on every core: small enough that a round's garbage dies young, large enough to keep the cores busy.
    private const int EntriesPerChunk = 2048;

    /// <summary>
    /// Problems the database engine itself finds in the file (corrupt pages, indices that disagree with their tables); empty when
    /// it finds none or has no such check.
    /// </summary>
    private protected virtual IReadOnlyList<string> IntegrityProblems() => [];

    /// <inheritdoc/>
    public VerificationReport Verify(IEnumerable<VerifierKey> logKeys) => Verify(logKeys, statements: true);

    /// <inheritdoc/>
    public VerificationReport Verify(IEnumerable<VerifierKey> logKeys, bool statements)
    {
        ArgumentNullException.ThrowIfNull(logKeys);
        return Verify(new StoreVerification([.. logKeys]) { Signatures = statements });
    }

    /// <inheritdoc/>
    public VerificationReport Verify(StoreVerification options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Run("verifying the store", () => new Audit(this, options).Run());
    }

    /// <summary>One verification: reads every table once, in a fixed order, and collects what differs.</summary>
    private sealed class Audit(DbRecordStore store, StoreVerification options)
    {
        private readonly Findings _found = new();
        private readonly List<(long Position, PartyId Party, VerifierKey Key)> _enrolments = [];
        private readonly List<(long Position, string Reference, string Party, string Key)> _enrolmentRows = [];
        private readonly List<(long Index, ulong Hash)> _facts = [];
        private readonly Dictionary<string, (long Rows, long Index)> _batchStatements = new(StringComparer.Ordinal);
        private readonly MerkleTree _tree = new();
        private RecordState _state = RecordState.Empty;
        private long? _size;
        private long? _accepted;
        private long _stored;
        private long _treeSize;
        private Record.Notes.Checkpoint? _latest;
        private long _authenticated;

        public VerificationReport Run()
        {
            Section("the database file", CheckFile);
            Section("meta", ReadMeta);
            Section("enrolled_keys", ReadEnrolments);
            Section("entries", ReplayEntries);
            Section("meta", CheckCounters);
            Section("statement_keys", CheckKeys);
            Section("sequences", CheckSequences);
            Section("nodes", CheckNodes);
            Section("checkpoints", CheckCheckpoints);
            Section("checkpoints", CheckTrusted);
            Section("facts", CheckFacts);
            Section("batch_rows", CheckBatches);
            Section("witnessed", CheckWitnessed);
            CheckCovered();
            return _found.Count == 0 ? VerificationReport.Valid(_latest, _stored) : VerificationReport.Failed(_found.All(), _latest, _stored);
        }

        private void Section(string table, Action check)
        {
            try
            {
                check();
            }
            catch (Exception e) when (e is DbException or FormatException or InvalidCastException or OverflowException)
            {
                // A dropped table, a column of the wrong type, a corrupt page, text where a number was written (SQLite keeps what it is
                // given): the store no longer has the shape it was written in.
                _found.Changed(StorageMessages.TableUnreadable(table, e.Message), resource: table);
            }
        }

        private void CheckFile()
        {
            foreach (var problem in store.IntegrityProblems())
            {
                _found.Changed(StorageMessages.FileCorrupt(problem), resource: "database file");
            }
        }

        private void ReadMeta()
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            using (var cmd = store.Command(null, "SELECT name, value FROM meta"))
            using (var reader = cmd.ExecuteReader())
            {
                while (reader.Read())
                {
                    values[Text(reader[0])] = Text(reader[1]);
                }
            }

            _size = Counter(values, "size");
            _accepted = Counter(values, "accepted");
            if (values.GetValueOrDefault("origin") != store.Origin)
            {
                _found.Changed(StorageMessages.MetaOrigin(values.GetValueOrDefault("origin"), store.Origin), resource: "meta.origin");
            }
            else if (options.LogKeys.Count > 0 && options.LogKeys.All(k => k.Name != store.Origin))
            {
                // The log key's name is the log's origin (C2SP): a store that names another origin was relabelled.
                _found.Changed(StorageMessages.MetaOriginNotKey(store.Origin, options.LogKeys[0].Name), resource: "meta.origin");
            }
        }

        private long? Counter(Dictionary<string, string> values, string name)
        {
            if (values.TryGetValue(name, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return n;
            }

            _found.Changed(StorageMessages.MetaCounter(name, values.GetValueOrDefault(name)), resource: "meta." + name);
            return null;
        }

        private void ReadEnrolments()
        {
            using var cmd = store.Command(null, "SELECT ref, party, vkey, position FROM enrolled_keys ORDER BY position, ref");
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                var reference = Text(reader[0]);
                var party = Text(reader[1]);
                var position = Convert.ToInt64(reader[3], CultureInfo.InvariantCulture);
                _enrolmentRows.Add((position, reference, party, Text(reader[2])));
                VerifierKey key;
                try
                {
                    key = VerifierKey.Parse(Text(reader[2]));
                }
                catch (RecordFormatException e)
                {
                    _found.Changed(StorageMessages.EnrolmentUnreadable(reference, e.Message), resource: "enrolled_keys");
                    continue;
                }

                if (key.Reference.ToString() != reference || !PartyId.IsValidCode(party))
                {
                    _found.Changed(StorageMessages.EnrolmentMismatch(reference, key.Reference.ToString(), party), resource: "enrolled_keys");
                    continue;
                }

                _enrolments.Add((position, new PartyId(party), key));
            }
        }

        /// <summary>
        /// Every stored entry, integrated or pending, in index order: hashed, parsed, its columns compared with what it says, and
        /// replayed against the keys and sequences the entries before it imply. The tree is rebuilt from the integrated ones.
        /// </summary>
        private void ReplayEntries()
        {
            // Every key any statement may be signed with, to check signatures on all cores before the ordered replay: enrolled keys
            // and the key table's (untrusted: the replay checks again under the key the entries imply, whenever it differs).
            var candidates = new Dictionary<KeyReference, VerifierKey>();
            foreach (var (_, _, key) in _enrolments)
            {
                candidates.TryAdd(key.Reference, key);
            }

            try
            {
                using var keys = store.Command(null, "SELECT vkey FROM statement_keys");
                using var keyReader = keys.ExecuteReader();
                while (keyReader.Read())
                {
                    try
                    {
                        var key = VerifierKey.Parse(Text(keyReader[0]));
                        candidates.TryAdd(key.Reference, key);
                    }
                    catch (RecordFormatException)
                    {
                        // Reported when the key table is compared below.
                    }
                }
            }
            catch (DbException)
            {
                // Reported when the key table is compared below.
            }

            var nextEnrolment = 0;
            var expected = 0L;
            var contiguous = true;
            var replayClock = DateTimeOffset.MaxValue.AddYears(-1);
            using var cmd = store.Command(null, "SELECT idx, entry, leaf_hash, author, seq, kind FROM entries ORDER BY idx");
            using var reader = cmd.ExecuteReader();
            bool Read(EntryChunk chunk)
            {
                chunk.Rows.Clear();
                while (chunk.Rows.Count < EntriesPerChunk && reader.Read())
                {
                    chunk.Rows.Add(new StoredEntry(Convert.ToInt64(reader[0], CultureInfo.InvariantCulture), Blob(reader[1]), Blob(reader[2]), reader[3], reader[4], reader[5]));
                }

                return chunk.Rows.Count > 0;
            }

            Task Hash(EntryChunk chunk) => Task.Run(() =>
            {
                Parallel.For(0, chunk.Rows.Count, i => chunk.Prepare(i, candidates, options.Signatures));
                chunk.BuildSubtree();
            });

            // Pipelined: while the cores hash, parse and check signatures of one chunk, this thread reads the next from the database
            // and replays the one before in log order (the replay must be sequential: each entry is checked against the state the
            // entries before it left).
            var current = new EntryChunk();
            var next = new EntryChunk();
            var hashing = Read(current) ? Hash(current) : null;
            while (hashing is not null)
            {
                var more = Read(next);
                hashing.GetAwaiter().GetResult();
                hashing = more ? Hash(next) : null;

                // A full, aligned round that continues the tree joins it as one subtree the cores already hashed.
                var whole = current.Subtree is not null && contiguous && current.Rows[0].Index == expected && _tree.Size == expected;
                for (var i = 0; i < current.Rows.Count; i++)
                {
                    var row = current.Rows[i];
                    if (row.Index != expected)
                    {
                        _found.Changed(row.Index > expected ? StorageMessages.EntriesMissing(expected, row.Index - 1) : StorageMessages.IndexGap, expected, "entries");
                        contiguous = false;
                        expected = row.Index;
                    }

                    expected++;
                    _stored++;
                    while (nextEnrolment < _enrolments.Count && _enrolments[nextEnrolment].Position <= row.Index)
                    {
                        Enrol(_enrolments[nextEnrolment++]);
                    }

                    var leaf = current.Leaves[i];
                    if (row.LeafHash.Length != MerkleHash.Length || new MerkleHash(row.LeafHash) != leaf)
                    {
                        // When the change broke canonical JSON the byte is named; otherwise only the entry.
                        long? offset = CanonicalJson.IsCanonical(row.Entry, out var jsonError) ? null : jsonError.Position;
                        _found.Changed(StorageMessages.EntryHashChanged, row.Index, "entries", offset);
                    }

                    if (contiguous && !whole)
                    {
                        // Every contiguous entry, pending ones too: a checkpoint may cover more than meta.size claims.
                        _tree.AppendLeafHash(leaf);
                    }

                    Replay(row, current.Parsed[i], current.VerifiedUnder[i], current.ColumnsDiffer[i], replayClock);
                    if (current.HasFact[i])
                    {
                        _facts.Add((row.Index, current.FactHashes[i]));
                    }

                    current.Parsed[i] = null!;
                }

                if (whole)
                {
                    _tree.AppendSubtree(current.Subtree!);
                }

                (current, next) = (next, current);
            }

            while (nextEnrolment < _enrolments.Count)
            {
                var enrolment = _enrolments[nextEnrolment++];
                if (enrolment.Position > _stored)
                {
                    _found.Changed(StorageMessages.EnrolmentBeyond(enrolment.Key.Reference.ToString(), enrolment.Position, _stored), resource: "enrolled_keys");
                }

                Enrol(enrolment);
            }

            _treeSize = Math.Min(_size ?? _tree.Size, _tree.Size);
        }

        private void Enrol((long Position, PartyId Party, VerifierKey Key) enrolment)
        {
            try
            {
                _state = _state.WithPartyKey(enrolment.Party, enrolment.Key);
            }
            catch (ArgumentException e)
            {
                _found.Changed(StorageMessages.EnrolmentUnreadable(enrolment.Key.Reference.ToString(), e.Message), resource: "enrolled_keys");
            }
        }

        private void Replay(StoredEntry row, StatementCheck parsed, VerifierKey? verifiedUnder, bool columnsDiffer, DateTimeOffset clock)
        {
            if (!parsed.IsAccepted)
            {
                _found.Changed($"{StorageMessages.StatementInvalid}: {parsed.Message}", row.Index, "entries");
                return;
            }

            var s = parsed.Statement.Statement;
            if (columnsDiffer)
            {
                // The cores found a column that differs from what the entry says; name it.
                CompareColumn(row.Index, "author", row.Author, s.Author.Code);
                CompareColumn(row.Index, "seq", row.Sequence, s.Sequence.ToString(CultureInfo.InvariantCulture));
                CompareColumn(row.Index, "kind", row.Kind, s.Kind.WireName());
            }

            // Without signature checks the replay takes a statement's signature as verified under whatever key the state holds.
            var key = options.Signatures ? verifiedUnder : _state.Keys.Find(s.Key)?.Key;
            var check = StatementValidator.Validate(parsed.Statement, _state, clock, null, key);
            if (!check.IsAccepted)
            {
                var keyEvent = check.Error == StatementError.BadBody && s.Kind is StatementKind.KeyRevocation or StatementKind.KeyRotation;
                var hint = check.Error is StatementError.UnknownKey or StatementError.KeyNotOwnedByAuthor || keyEvent ? StorageMessages.KeyOrigins : "";
                _found.Changed($"{StorageMessages.StatementInvalid}: {check.Message}{hint}", row.Index, "entries");
            }

            try
            {
                // Applied even when rejected, so one bad statement does not make every later statement of its author a sequence error.
                _state = _state.Apply(parsed.Statement);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException or System.Text.Json.JsonException
                                          or RecordFormatException)
            {
                // A key event whose body does not apply; already reported by the validation above.
            }

            if (check.IsAccepted && s.Kind == StatementKind.ObservationBatch)
            {
                using var body = s.ParseBody();
                var sha = body.RootElement.GetProperty(ObservationBatch.DigestMember).GetString()!;
                _batchStatements.TryAdd(sha, (body.RootElement.GetProperty(ObservationBatch.RowsMember).GetInt64(), row.Index));
            }
        }

        private void CompareColumn(long index, string column, object stored, string signed)
        {
            var text = stored is DBNull ? null : Convert.ToString(stored, CultureInfo.InvariantCulture);
            if (text != signed)
            {
                _found.Changed(StorageMessages.ColumnChanged(column, text, signed), index, "entries." + column);
            }
        }

        private void CheckCounters()
        {
            if (_accepted is { } accepted && accepted != _stored)
            {
                _found.Changed(StorageMessages.AcceptedChanged(accepted, _stored), resource: "meta.accepted");
            }

            if (_size is { } size && size > _stored)
            {
                _found.Changed(StorageMessages.SizeBeyond(size, _stored), resource: "meta.size");
            }
        }

        private void CheckKeys()
        {
            var seen = new HashSet<KeyReference>();
            using (var cmd = store.Command(null, "SELECT ref, party, vkey, revoked FROM statement_keys ORDER BY ref"))
            using (var reader = cmd.ExecuteReader())
            {
                while (reader.Read())
                {
                    var reference = Text(reader[0]);
                    var party = Text(reader[1]);
                    var vkey = Text(reader[2]);
                    var revoked = Convert.ToInt64(reader[3], CultureInfo.InvariantCulture) != 0;
                    var derived = KeyReference.TryParse(reference, out var parsed) ? _state.Keys.Find(parsed) : null;
                    if (derived is null)
                    {
                        _found.Changed(StorageMessages.KeyNotDerived(reference, party), resource: "statement_keys");
                        continue;
                    }

                    seen.Add(parsed);
                    if (derived.Owner.Code != party || derived.Key.ToString() != vkey)
                    {
                        _found.Changed(StorageMessages.KeyChanged(reference, party, derived.Owner.Code), resource: "statement_keys");
                    }
                    else if (derived.IsRevoked != revoked)
                    {
                        _found.Changed(StorageMessages.RevokedChanged(reference, revoked, derived.IsRevoked), resource: "statement_keys.revoked");
                    }
                }
            }

            foreach (var key in _state.Keys.Keys.Where(k => !seen.Contains(k.Key.Reference)).OrderBy(k => k.Key.Reference.ToString(), StringComparer.Ordinal))
            {
                _found.Changed(StorageMessages.KeyMissing(key.Key.Reference.ToString(), key.Owner.Code), resource: "statement_keys");
            }
        }

        private void CheckSequences()
        {
            var seen = new HashSet<PartyId>();
            using (var cmd = store.Command(null, "SELECT party, last_seq FROM sequences ORDER BY party"))
            using (var reader = cmd.ExecuteReader())
            {
                while (reader.Read())
                {
                    var party = Text(reader[0]);
                    var stored = Convert.ToInt64(reader[1], CultureInfo.InvariantCulture);
                    var derived = PartyId.IsValidCode(party) ? _state.LastSequence.GetValueOrDefault(new PartyId(party)) : 0;
                    if (PartyId.IsValidCode(party))
                    {
                        seen.Add(new PartyId(party));
                    }

                    if (stored != derived)
                    {
                        _found.Changed(derived == 0 ? StorageMessages.SequenceNoStatements(party, stored) : StorageMessages.SequenceChanged(party, stored, derived),
                            resource: "sequences");
                    }
                }
            }

            foreach (var (party, last) in _state.LastSequence.Where(p => !seen.Contains(p.Key)).OrderBy(p => p.Key.Code, StringComparer.Ordinal))
            {
                _found.Changed(StorageMessages.SequenceMissing(party.Code, last), resource: "sequences");
            }
        }

        /// <summary>Every stored node equals the one the entries imply, every node of the integrated tree is stored, and no other.</summary>
        private void CheckNodes()
        {
            var size = _treeSize;
            var level = 1;
            var index = 0L;
            void SkipEmptyLevels()
            {
                while ((size >> level) == index && (size >> level) > 0)
                {
                    level++;
                    index = 0;
                }
            }

            bool Expecting() => (size >> level) > index;

            SkipEmptyLevels();
            using (var cmd = store.Command(null, "SELECT level, idx, hash FROM nodes ORDER BY level, idx"))
            using (var reader = cmd.ExecuteReader())
            {
                while (reader.Read())
                {
                    var l = Convert.ToInt32(reader[0], CultureInfo.InvariantCulture);
                    var i = Convert.ToInt64(reader[1], CultureInfo.InvariantCulture);
                    var stored = Blob(reader[2]);

                    // Merge the stored nodes, ordered, with the nodes the tree implies, ordered: what only one side has differs.
                    while (Expecting() && (level < l || (level == l && index < i)))
                    {
                        _found.Changed(StorageMessages.NodeMissing(level, index), resource: StorageMessages.Node(level, index));
                        index++;
                        SkipEmptyLevels();
                    }

                    if (Expecting() && level == l && index == i)
                    {
                        var expected = _tree.Node(l, i).ToArray();
                        var common = stored.AsSpan().CommonPrefixLength(expected);
                        if (common != expected.Length || stored.Length != expected.Length)
                        {
                            _found.Changed(StorageMessages.NodeChanged, null, StorageMessages.Node(l, i), common);
                        }

                        index++;
                        SkipEmptyLevels();
                    }
                    else
                    {
                        _found.Changed(StorageMessages.NodeExtra(l, i, size), resource: StorageMessages.Node(l, i));
                    }
                }
            }

            while (Expecting())
            {
                _found.Changed(StorageMessages.NodeMissing(level, index), resource: StorageMessages.Node(level, index));
                index++;
                SkipEmptyLevels();
            }
        }

        private void CheckCheckpoints()
        {
            // The hash chain over the checkpoints signed by the log key, in size order, as each one's signed history must state it.
            var chain = CheckpointHistory.Empty;
            var count = 0L;
            var chainReported = false;
            var enrolmentsReported = false;
            var latestHasHistory = false;
            using var cmd = store.Command(null, "SELECT size, note, history FROM checkpoints ORDER BY size");
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                var size = Convert.ToInt64(reader[0], CultureInfo.InvariantCulture);
                SignedNote note;
                Record.Notes.Checkpoint body;
                try
                {
                    note = SignedNote.Parse(Text(reader[1]));
                    body = Record.Notes.Checkpoint.Parse(note.Text);
                }
                catch (RecordFormatException e)
                {
                    _found.Changed(StorageMessages.CheckpointInvalid(size, e.Message), resource: "checkpoints");
                    continue;
                }

                var signatures = note.Verify(options.LogKeys);
                if (!signatures.IsVerified)
                {
                    _found.Changed(StorageMessages.CheckpointInvalid(size, signatures.Error!), resource: "checkpoints");
                    continue;
                }

                chain = CheckpointHistory.Extend(chain, note.Text);
                count++;
                var hasHistory = reader[2] is not DBNull;
                if (hasHistory)
                {
                    CheckHistory(size, Text(reader[2]), chain, count, ref chainReported, ref enrolmentsReported);
                }

                if (body.Size != size || body.Origin != store.Origin || size > _tree.Size || _tree.RootHash(size) != body.RootHash)
                {
                    _found.Changed(size > _tree.Size ? StorageMessages.CheckpointBeyond(size, _tree.Size) : StorageMessages.CheckpointRoot(size), resource: "checkpoints");
                    continue;
                }

                if (_size is { } integrated && size > integrated)
                {
                    _found.Changed(StorageMessages.SizeBelowCheckpoint(integrated, size), resource: "meta.size");
                }

                _latest = body;
                latestHasHistory = hasHistory;
                _authenticated = Math.Max(_authenticated, size);
            }

            if (_latest is not null && !latestHasHistory)
            {
                // Only the latest must have one: checkpoints signed before schema 4 have none, and the next checkpoint covers them.
                _found.Changed(StorageMessages.HistoryMissing(_latest.Size), resource: "checkpoints");
            }
        }

        /// <summary>
        /// A checkpoint's signed history must count the signed checkpoints up to it, chain their texts, and digest the enrolments that
        /// apply to the entries it covers: a deleted or replaced older checkpoint, or an enrolment added, removed or moved below its
        /// size, shows here. Each kind of difference is reported once, at the first checkpoint that shows it.
        /// </summary>
        private void CheckHistory(long size, string text, MerkleHash chain, long count, ref bool chainReported, ref bool enrolmentsReported)
        {
            CheckpointHistory history;
            try
            {
                var signed = SignedNote.Parse(text);
                var verified = signed.Verify(options.LogKeys);
                if (!verified.IsVerified)
                {
                    _found.Changed(StorageMessages.HistoryInvalid(size, verified.Error!), resource: "checkpoints");
                    return;
                }

                history = CheckpointHistory.Parse(signed.Text);
            }
            catch (RecordFormatException e)
            {
                _found.Changed(StorageMessages.HistoryInvalid(size, e.Message), resource: "checkpoints");
                return;
            }

            if (history.Origin != store.Origin)
            {
                _found.Changed(StorageMessages.HistoryInvalid(size, $"it is the history of '{history.Origin}'"), resource: "checkpoints");
                return;
            }

            if (!chainReported && (history.Count != count || history.Chain != chain))
            {
                chainReported = true;
                _found.Changed(history.Count > count ? StorageMessages.CheckpointsDeleted(size, history.Count, count)
                    : StorageMessages.CheckpointsReplaced(size, history.Count, count), resource: "checkpoints");
            }

            var enrolments = CheckpointHistory.EnrolmentDigest(_enrolmentRows.Where(e => e.Position < size));
            if (!enrolmentsReported && history.Enrolments != enrolments)
            {
                enrolmentsReported = true;
                _found.Changed(StorageMessages.EnrolmentsChanged(size), resource: "enrolled_keys");
            }
        }

        /// <summary>The store must still hold the tree of a checkpoint the reader trusts, and its own latest checkpoint must extend it.</summary>
        private void CheckTrusted()
        {
            if (options.TrustedCheckpoint is not { } note)
            {
                return;
            }

            var signatures = note.Verify(options.LogKeys);
            if (!signatures.IsVerified)
            {
                throw new ArgumentException(StorageMessages.TrustedNotSigned(signatures.Error!));
            }

            var trusted = Record.Notes.Checkpoint.Parse(note.Text);
            if (trusted.Origin != store.Origin)
            {
                throw new ArgumentException(StorageMessages.TrustedOrigin(trusted.Origin, store.Origin));
            }

            if (trusted.Size > _tree.Size)
            {
                _found.Changed(StorageMessages.RolledBack(trusted.Size, _tree.Size), _tree.Size, "entries");
                return;
            }

            if (_tree.RootHash(trusted.Size) != trusted.RootHash)
            {
                _found.Changed(StorageMessages.TrustedRewritten(trusted.Size), resource: "entries");
                return;
            }

            if (_latest is null || _latest.Size < trusted.Size)
            {
                _found.Changed(StorageMessages.CheckpointsRolledBack(_latest?.Size, trusted.Size), resource: "checkpoints");
            }
            else if (!ConsistencyProof.Create(_tree, trusted.Size, _latest.Size).Verify(trusted, _latest))
            {
                _found.Changed(StorageMessages.TrustedInconsistent(trusted.Size, _latest.Size), resource: "checkpoints");
            }

            // Entries the trusted checkpoint covers are authenticated by it, even when the store lost its own checkpoint of them.
            _authenticated = Math.Max(_authenticated, trusted.Size);
        }

        /// <summary>
        /// The <c>facts</c> table (what the body rules read) equals what the entries state: every row is the fact its entry's body
        /// states, at that entry, and every fact an entry states is stored — except a second statement of an id stored earlier (only a
        /// record written before the body rules can hold one; the first is kept). Compared in index order, with a hash per fact kept
        /// from the replay, so the comparison costs no second parse.
        /// </summary>
        private void CheckFacts()
        {
            var unmatched = new List<long>();
            var changed = new List<(long Index, string Id, string Kind, string Author, string Parties, string At)>();
            var extra = new List<(long Index, string Id)>();
            var next = 0;
            var unmatchedTotal = 0L;
            using (var cmd = store.Command(null, "SELECT id, kind, author, parties, idx, at FROM facts ORDER BY idx, id"))
            using (var reader = cmd.ExecuteReader())
            {
                while (reader.Read())
                {
                    var (id, kind, author, parties, at) = (Text(reader[0]), Text(reader[1]), Text(reader[2]), Text(reader[3]), Text(reader[5]));
                    var index = Convert.ToInt64(reader[4], CultureInfo.InvariantCulture);
                    while (next < _facts.Count && _facts[next].Index < index)
                    {
                        Unmatched(_facts[next++].Index);
                    }

                    if (next < _facts.Count && _facts[next].Index == index)
                    {
                        if (_facts[next].Hash != FactHash(id, kind, author, parties, index, at) && changed.Count < MaxFactDetails)
                        {
                            changed.Add((index, id, kind, author, parties, at));
                        }

                        next++;
                    }
                    else if (extra.Count < MaxFactDetails)
                    {
                        extra.Add((index, id));
                    }
                }
            }

            while (next < _facts.Count)
            {
                Unmatched(_facts[next++].Index);
            }

            void Unmatched(long index)
            {
                unmatchedTotal++;
                if (unmatched.Count < MaxFactDetails)
                {
                    unmatched.Add(index);
                }
            }

            foreach (var (index, id) in extra)
            {
                _found.Changed(StorageMessages.FactExtra(id), index, "facts");
            }

            foreach (var row in changed)
            {
                var derived = Derive(row.Index);
                var difference = derived is null ? "" : string.Join(", ", new[]
                {
                    derived.Id != row.Id ? $"id '{row.Id}', the entry states '{derived.Id}'" : null,
                    derived.Kind.WireName() != row.Kind ? $"kind '{row.Kind}', the entry is a {derived.Kind.WireName()}" : null,
                    derived.Author.Code != row.Author ? $"author {row.Author}, the entry's is {derived.Author.Code}" : null,
                    derived.Parties != row.Parties ? $"parties '{row.Parties}', the entry names '{derived.Parties}'" : null,
                    (derived.At ?? "") != row.At ? $"time '{row.At}', the entry states '{derived.At}'" : null,
                }.Where(d => d is not null));
                _found.Changed(StorageMessages.FactChanged(row.Id, difference), row.Index, "facts");
            }

            foreach (var index in unmatched)
            {
                // A second statement of an id stored earlier is not cached (the first one is); anything else is missing.
                var fact = Derive(index);
                var first = fact is null ? null : FirstStated(fact.Id);
                // A legitimate repeat: the id is cached at an earlier entry that itself states it (a row moved there does not count).
                if (first is not { } earlier || earlier >= index || Derive(earlier)?.Id != fact!.Id)
                {
                    _found.Changed(StorageMessages.FactMissing(fact?.Id ?? "?"), index, "facts");
                }
            }

            if (unmatchedTotal > unmatched.Count)
            {
                _found.Changed(StorageMessages.FactsMissing(unmatchedTotal - unmatched.Count), resource: "facts");
            }
        }

        private StatedFact? Derive(long index)
        {
            var entry = store.Scalar<byte[]>(null, "SELECT entry FROM entries WHERE idx = @i", ("i", index));
            var parsed = entry is null ? null : SignedStatement.Parse(entry);
            return parsed is { IsAccepted: true } ? StatementBodies.Read(parsed.Statement.Statement).Claims?.ToFact(parsed.Statement.Statement, index) : null;
        }

        private long? FirstStated(string id)
        {
            var stored = store.Scalar<object>(null, "SELECT idx FROM facts WHERE id = @i", ("i", id));
            return stored is null ? null : Convert.ToInt64(stored, CultureInfo.InvariantCulture);
        }

        /// <summary>
        /// Every stored batch belongs to a batch statement and hashes to the digest it signs; every batch statement's rows are stored.
        /// Rows are decompressed only for a statement, and only up to its signed row count (each at most <see cref="MaxBatchRowBytes"/>).
        /// </summary>
        private void CheckBatches()
        {
            var present = new HashSet<string>(StringComparer.Ordinal);
            DbCommand cmd;
            DbDataReader reader;
            try
            {
                cmd = store.Command(null, "SELECT sha256, rows, encoding, data FROM batch_rows ORDER BY sha256");
                reader = cmd.ExecuteReader();
            }
            catch (DbException) when (_batchStatements.Count == 0)
            {
                // A store that never held a batch may have no batch_rows table.
                return;
            }
            catch (DbException)
            {
                reader = null!;
                cmd = null!;
            }

            using (cmd)
            using (reader)
            {
                while (reader is not null && reader.Read())
                {
                    var sha = Text(reader[0]);
                    present.Add(sha);
                    var rows = Convert.ToInt64(reader[1], CultureInfo.InvariantCulture);
                    if (!_batchStatements.TryGetValue(sha, out var statement))
                    {
                        _found.Changed(BatchMessages.Orphan(sha), resource: "batch_rows");
                        continue;
                    }

                    var digest = BatchEncoding.Digest(Text(reader[2]), Blob(reader[3]), statement.Rows, statement.Rows * (long)MaxBatchRowBytes);
                    if (digest.Problem is { } problem)
                    {
                        _found.Changed(BatchMessages.Unreadable(sha, problem), statement.Index, "batch_rows");
                    }
                    else if (digest.Sha256 != sha)
                    {
                        _found.Changed(BatchMessages.Changed(sha), statement.Index, "batch_rows");
                    }
                    else if (digest.Lines != statement.Rows || rows != statement.Rows)
                    {
                        _found.Changed(BatchMessages.RowCount(sha, statement.Rows, digest.Lines == statement.Rows ? rows : digest.Lines), statement.Index, "batch_rows");
                    }
                }
            }

            foreach (var (sha, (_, index)) in _batchStatements.Where(b => !present.Contains(b.Key)).OrderBy(b => b.Value.Index))
            {
                _found.Changed(BatchMessages.Missing(sha), index, "batch_rows");
            }
        }

        /// <summary>This node's witness state: each row must say what the cosigned checkpoint it keeps says.</summary>
        private void CheckWitnessed()
        {
            using var cmd = store.Command(null, "SELECT origin, size, root, note FROM witnessed ORDER BY origin");
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                var origin = Text(reader[0]);
                if (reader[3] is DBNull)
                {
                    // Without the checkpoint it cosigned, the row's size and root vouch for nothing; a row written before schema 3
                    // keeps none either, so it is reported only when the witness's key was given to check against.
                    if (options.WitnessKeys.Count > 0)
                    {
                        _found.Changed(StorageMessages.WitnessedNoNote(origin), resource: "witnessed");
                    }

                    continue;
                }

                try
                {
                    var note = SignedNote.Parse(Text(reader[3]));
                    var body = Record.Notes.Checkpoint.Parse(note.Text);
                    if (options.WitnessKeys.Count > 0 && !note.Verify(options.WitnessKeys).IsVerified)
                    {
                        _found.Changed(StorageMessages.WitnessedNotCosigned(origin, body.Size), resource: "witnessed");
                        continue;
                    }

                    var root = Blob(reader[2]);
                    if (body.Origin != origin || body.Size != Convert.ToInt64(reader[1], CultureInfo.InvariantCulture)
                        || root.Length != MerkleHash.Length || new MerkleHash(root) != body.RootHash)
                    {
                        _found.Changed(StorageMessages.WitnessedChanged(origin), resource: "witnessed");
                    }
                }
                catch (RecordFormatException e)
                {
                    _found.Changed(StorageMessages.WitnessedUnreadable(origin, e.Message), resource: "witnessed");
                }
            }
        }

        private void CheckCovered()
        {
            if (_stored > _authenticated)
            {
                var integrated = Math.Max(0, Math.Min(_size ?? _treeSize, _stored) - _authenticated);
                _found.Unauthenticated(StorageMessages.Unauthenticated(_authenticated, _stored, integrated, _stored - _authenticated - integrated), _authenticated);
            }
        }
    }

    /// <summary>One round of stored entries and what the cores made of them.</summary>
    private sealed class EntryChunk
    {
        public List<StoredEntry> Rows { get; } = new(EntriesPerChunk);

        public MerkleHash[] Leaves { get; } = new MerkleHash[EntriesPerChunk];

        public StatementCheck[] Parsed { get; } = new StatementCheck[EntriesPerChunk];

        public VerifierKey?[] VerifiedUnder { get; } = new VerifierKey?[EntriesPerChunk];

        /// <summary>True when the entry's author, seq or kind column differs from what the entry says.</summary>
        public bool[] ColumnsDiffer { get; } = new bool[EntriesPerChunk];

        /// <summary>True when the entry states a fact; its <see cref="FactHash"/> is then in <see cref="FactHashes"/>.</summary>
        public bool[] HasFact { get; } = new bool[EntriesPerChunk];

        public ulong[] FactHashes { get; } = new ulong[EntriesPerChunk];

        /// <summary>Every level of the subtree over this round's leaves when it is full and its indices are one aligned run; else null.</summary>
        public IReadOnlyList<MerkleHash[]>? Subtree { get; private set; }

        /// <summary>On a core, after <see cref="Prepare"/>: the round's subtree (see <see cref="Subtree"/>).</summary>
        public void BuildSubtree()
        {
            Subtree = null;
            if (Rows.Count != EntriesPerChunk || Rows[0].Index % EntriesPerChunk != 0)
            {
                return;
            }

            for (var i = 1; i < Rows.Count; i++)
            {
                if (Rows[i].Index != Rows[0].Index + i)
                {
                    return;
                }
            }

            Subtree = MerkleTree.SubtreeLevels(Leaves);
        }

        /// <summary>
        /// On any core: the leaf hash, the parsed statement, whether its columns differ from it, the fact it states and, when asked,
        /// the key its signature verifies under.
        /// </summary>
        public void Prepare(int i, Dictionary<KeyReference, VerifierKey> candidates, bool signatures)
        {
            var row = Rows[i];
            Leaves[i] = RecordHashing.LeafHash(row.Entry);
            // The row's bytes are this round's own (read from the database, never changed): the statement keeps them without a copy.
            var parsed = Parsed[i] = SignedStatement.Parse(ImmutableCollectionsMarshal.AsImmutableArray(row.Entry));
            HasFact[i] = false;
            ColumnsDiffer[i] = false;
            VerifiedUnder[i] = null;
            if (!parsed.IsAccepted)
            {
                return;
            }

            var s = parsed.Statement.Statement;
            ColumnsDiffer[i] = !SameText(row.Author, s.Author.Code) || !SameNumber(row.Sequence, s.Sequence) || !SameText(row.Kind, s.Kind.WireName());
            VerifiedUnder[i] = signatures && candidates.TryGetValue(s.Key, out var key) && parsed.Statement.VerifySignature(key) ? key : null;

            // The facts cache is re-derived as the append path writes it, the usual declarations and activities without a JSON document.
            if (StatementBodies.Fact(s, row.Index) is { } fact)
            {
                HasFact[i] = true;
                FactHashes[i] = FactHash(fact.Id, fact.Kind.WireName(), fact.Author.Code, fact.Parties, fact.Index, fact.At ?? "");
            }
        }

        // As the column's text compared with the signed value's (see CompareColumn), without making text for the usual types.
        private static bool SameText(object stored, string signed) =>
            stored is string text ? text == signed : stored is not DBNull && Convert.ToString(stored, CultureInfo.InvariantCulture) == signed;

        private static bool SameNumber(object stored, long signed) => stored switch
        {
            long n => n == signed,
            int n => n == signed,
            DBNull => false,
            _ => Convert.ToString(stored, CultureInfo.InvariantCulture) == signed.ToString(CultureInfo.InvariantCulture),
        };
    }

    private readonly record struct StoredEntry(long Index, byte[] Entry, byte[] LeafHash, object Author, object Sequence, object Kind);

    /// <summary>How many differing fact rows are described one by one (the rest are counted).</summary>
    private const int MaxFactDetails = 64;

    /// <summary>A 64-bit hash of a fact row, the same for a row read from <c>facts</c> and one derived from its entry (within one process).</summary>
    private static ulong FactHash(string id, string kind, string author, string parties, long index, string at) =>
        ((ulong)(uint)HashCode.Combine(id, kind, author, parties, index, at) << 32) | (uint)HashCode.Combine(at, parties, author, kind, id, ~index);

    private static string Text(object value) => value is DBNull ? "" : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    /// <summary>The problems found, in order, with at most a few per resource listed and the rest counted.</summary>
    private sealed class Findings
    {
        private const int PerResource = 8;
        private readonly List<VerificationProblem> _problems = [];
        private readonly Dictionary<string, int> _perResource = new(StringComparer.Ordinal);

        public int Count => _problems.Count + _perResource.Values.Sum(n => Math.Max(0, n - PerResource));

        public void Changed(string problem, long? entry = null, string? resource = null, long? offset = null) =>
            Add(new VerificationProblem(VerificationProblemKind.Changed, problem, entry, resource, offset));

        public void Unauthenticated(string problem, long entry) =>
            Add(new VerificationProblem(VerificationProblemKind.Unauthenticated, problem, entry, "checkpoints"));

        public IReadOnlyList<VerificationProblem> All()
        {
            var all = new List<VerificationProblem>(_problems);
            foreach (var (resource, n) in _perResource.Where(p => p.Value > PerResource).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                all.Add(new VerificationProblem(VerificationProblemKind.Changed, StorageMessages.MoreProblems(n - PerResource), Resource: resource));
            }

            return all;
        }

        private void Add(VerificationProblem problem)
        {
            // Group by table (nodes(level 2, index 1) counts under nodes) so one deleted table does not list a million rows.
            var key = problem.Resource is { } r ? r.Split('(', '.')[0] : "";
            var n = _perResource[key] = _perResource.GetValueOrDefault(key) + 1;
            if (n <= PerResource)
            {
                _problems.Add(problem);
            }
        }
    }
}
