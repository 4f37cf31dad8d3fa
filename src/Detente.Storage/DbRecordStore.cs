using System.Data;
using System.Data.Common;
using System.Globalization;
using Detente.Core;
using Detente.Record;
using Detente.Record.Admission;
using Detente.Record.Canonical;
using Detente.Record.Keys;
using Detente.Record.Merkle;
using Detente.Record.Notes;
using Detente.Record.Proofs;
using Detente.Record.Statements;
using Detente.Record.Witness;

namespace Detente.Storage;

/// <summary>
/// The record store over any ADO.NET database; the SQLite and PostgreSQL stores differ only in schema, write locking, bulk row
/// writing and which errors are transient. Tables: <c>meta</c> (origin, schema version, <c>size</c> = integrated entries,
/// <c>accepted</c> = sequenced entries), <c>enrolled_keys</c> (keys given from outside, with the log position they apply from),
/// <c>statement_keys</c> and <c>sequences</c> (the validation state), <c>entries</c> (index, raw entry, leaf hash, author, sequence,
/// kind: an accepted statement gets its index when it is appended; entries at or beyond <c>size</c> are pending), <c>nodes</c>
/// (complete subtree hashes above the leaves), <c>checkpoints</c> and <c>witnessed</c> (the latest checkpoint this node cosigned per
/// foreign log).
/// </summary>
public abstract partial class DbRecordStore : IRecordStore
{
    /// <summary>How many tree nodes a store keeps in memory for proofs (about 100 MB at most).</summary>
    private const int NodeCacheLimit = 1 << 20;

    private readonly object _gate = new();
    private long _integratedSize;
    private readonly Dictionary<(int Level, long Index), MerkleHash> _nodeCache = [];
    private bool _disposed;

    /// <summary>Opens the store on an open connection and creates or checks its schema and origin.</summary>
    private protected DbRecordStore(DbConnection connection, string origin)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!KeyName.IsValid(origin))
        {
            throw new ArgumentException(StorageMessages.WrongOrigin("", origin), nameof(origin));
        }

        Connection = connection;
        Origin = origin;
    }

    /// <inheritdoc/>
    public string Origin { get; }

    /// <summary>The open connection the store owns.</summary>
    private protected DbConnection Connection { get; }

    /// <inheritdoc/>
    public long Size => Run("reading the size", () => ReadSize(null));

    /// <inheritdoc/>
    public long PendingCount => Run("counting pending statements", () => ReadCounter(null, "accepted") - ReadSize(null));

    /// <inheritdoc/>
    public RecordState State => Run("reading the validation state", () => ReadState(null));

    /// <summary>
    /// The schema this code writes, recorded in <c>meta</c> as <c>schema</c>. 1: <c>pending (id, entry)</c>; 2: <c>pending</c> also
    /// carries author, seq and kind (neither recorded its version); 3: no <c>pending</c> — statements are written to <c>entries</c>
    /// when appended — and <c>witnessed.note</c> keeps the cosigned checkpoint; 4: <c>checkpoints.history</c> keeps the log key's
    /// signed <see cref="CheckpointHistory"/> beside each checkpoint. Older stores are migrated when opened.
    /// </summary>
    public const int SchemaVersion = 4;

    /// <summary>The DDL that creates the tables of the current schema if they do not exist.</summary>
    private protected abstract IReadOnlyList<string> SchemaStatements { get; }

    /// <summary>True when <paramref name="table"/> has a column <paramref name="column"/> (checked without failing the transaction).</summary>
    private protected abstract bool HasColumn(DbTransaction tx, string table, string column);

    /// <summary>
    /// Rows per multi-row INSERT: many where each statement is a network round trip (PostgreSQL), one where binding named
    /// parameters costs more than a statement step (SQLite binds each name by a linear search, so wide statements cost O(n²)).
    /// </summary>
    private protected virtual int RowsPerInsert => 64;

    /// <summary>Begins a transaction that holds the log's write lock until commit.</summary>
    private protected abstract DbTransaction BeginWrite();

    /// <summary>True when the provider says a retry may succeed.</summary>
    private protected abstract bool IsTransient(DbException exception);

    /// <summary>True when the provider says the database itself is damaged (a corrupt file or page), not the request.</summary>
    private protected abstract bool IsCorruption(DbException exception);

    /// <summary>Creates the schema and records or checks the origin; called once by the concrete store's factory.</summary>
    private protected void Initialise()
    {
        Run("creating the schema", () =>
        {
            using var tx = BeginWrite();
            var existing = HasColumn(tx, "meta", "value") ? Scalar<string?>(tx, "SELECT value FROM meta WHERE name = 'origin'") : null;
            if (existing is not null && existing != Origin)
            {
                throw new ArgumentException(StorageMessages.WrongOrigin(existing, Origin));
            }

            if (existing is not null)
            {
                var recorded = Scalar<string?>(tx, "SELECT value FROM meta WHERE name = 'schema'");
                var version = recorded is not null ? int.Parse(recorded, CultureInfo.InvariantCulture) : HasColumn(tx, "pending", "author") ? 2 : 1;
                if (version > SchemaVersion)
                {
                    throw new RecordStoreException(StorageMessages.NewerSchema(version, SchemaVersion), isTransient: false);
                }

                if (version < SchemaVersion)
                {
                    Migrate(tx, version);
                }
            }

            foreach (var ddl in SchemaStatements)
            {
                Execute(tx, ddl);
            }

            if (!HasColumn(tx, "checkpoints", "history"))
            {
                // Schema 4: checkpoints signed before it have no history; the next checkpoint signs one covering them.
                Execute(tx, "ALTER TABLE checkpoints ADD COLUMN history TEXT");
            }

            if (existing is null)
            {
                Execute(tx, "INSERT INTO meta (name, value) VALUES ('origin', @v)", ("v", Origin));
                Execute(tx, "INSERT INTO meta (name, value) VALUES ('size', '0')");
                Execute(tx, "INSERT INTO meta (name, value) VALUES ('accepted', '0')");
                Execute(tx, "INSERT INTO meta (name, value) VALUES ('schema', @v)", ("v", SchemaVersion.ToString(CultureInfo.InvariantCulture)));
            }

            EnsureFacts(tx);

            tx.Commit();
            return 0;
        });
    }

    /// <summary>
    /// Brings a store of schema 1 or 2 to <see cref="SchemaVersion"/> inside the opening transaction: pending statements move to
    /// <c>entries</c> in their order, at the indices after the integrated ones (schema 1 rows are parsed for author, sequence and
    /// kind), <c>pending</c> is dropped and <c>witnessed</c> gains its <c>note</c> column.
    /// </summary>
    private void Migrate(DbTransaction tx, int from)
    {
        if (from >= 3)
        {
            // 3 → 4 adds checkpoints.history, which Initialise does for every store that lacks it.
            Execute(tx, "UPDATE meta SET value = @v WHERE name = 'schema'", ("v", SchemaVersion.ToString(CultureInfo.InvariantCulture)));
            return;
        }

        var size = ReadSize(tx);
        var moved = new List<object[]>();
        var sql = from == 1 ? "SELECT entry FROM pending ORDER BY id" : "SELECT entry, author, seq, kind FROM pending ORDER BY id";
        using (var cmd = Command(tx, sql))
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                var entry = (byte[])reader[0];
                string author, kind;
                long seq;
                if (from == 1)
                {
                    var parsed = SignedStatement.Parse(entry);
                    if (!parsed.IsAccepted)
                    {
                        throw new RecordStoreException(StorageMessages.PendingUnreadable(size + moved.Count, parsed.Message!), isTransient: false);
                    }

                    (author, seq, kind) = (parsed.Statement.Statement.Author.Code, parsed.Statement.Statement.Sequence,
                        parsed.Statement.Statement.Kind.WireName());
                }
                else
                {
                    (author, seq, kind) = (reader.GetString(1), reader.GetInt64(2), reader.GetString(3));
                }

                moved.Add([size + moved.Count, entry, RecordHashing.LeafHash(entry).ToArray(), author, seq, kind]);
            }
        }

        using (var rows = Rows(tx, "entries", EntryColumns))
        {
            moved.ForEach(rows.Add);
            rows.Flush();
        }

        Execute(tx, "DROP TABLE pending");
        if (HasColumn(tx, "witnessed", "origin") && !HasColumn(tx, "witnessed", "note"))
        {
            // The earliest stores have no witnessed table at all; the schema statements create it.
            Execute(tx, "ALTER TABLE witnessed ADD COLUMN note TEXT");
        }

        Execute(tx, "UPDATE meta SET value = @v WHERE name = 'accepted'", ("v", (size + moved.Count).ToString(CultureInfo.InvariantCulture)));
        Execute(tx, "DELETE FROM meta WHERE name = 'schema'");
        Execute(tx, "INSERT INTO meta (name, value) VALUES ('schema', @v)", ("v", SchemaVersion.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// The origin recorded in an existing store's <c>meta</c> table; null when the database holds no store yet. A database that
    /// <paramref name="isCorruption"/> says is damaged is reported as such (a corrupt store is not "no store").
    /// </summary>
    private protected static string? ReadOrigin(DbConnection connection, Func<DbException, bool> isCorruption)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(isCorruption);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT value FROM meta WHERE name = 'origin'";
        try
        {
            return cmd.ExecuteScalar() as string;
        }
        catch (DbException e) when (!isCorruption(e))
        {
            // No meta table: nothing has been stored here.
            return null;
        }
    }

    /// <inheritdoc/>
    public void Enrol(PartyId party, VerifierKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        CheckDemoKey(key);
        Run("enrolling a key", () =>
        {
            using var tx = BeginWrite();
            ReadState(tx).WithPartyKey(party, key); // throws if the key is already known or not an Ed25519 note key
            var position = long.Parse(Scalar<string>(tx, "SELECT value FROM meta WHERE name = 'accepted'")!, CultureInfo.InvariantCulture);
            Execute(tx, "INSERT INTO enrolled_keys (ref, party, vkey, position) VALUES (@r, @p, @k, @pos)",
                ("r", key.Reference.ToString()), ("p", party.Code), ("k", key.ToString()), ("pos", position));
            Execute(tx, "INSERT INTO statement_keys (ref, party, vkey, revoked) VALUES (@r, @p, @k, 0)",
                ("r", key.Reference.ToString()), ("p", party.Code), ("k", key.ToString()));
            tx.Commit();
            return 0;
        });
    }

    /// <inheritdoc/>
    public StatementCheck Append(ReadOnlySpan<byte> entry, DateTimeOffset now) => AppendBatch([entry.ToArray()], now)[0];

    /// <inheritdoc/>
    public IReadOnlyList<StatementCheck> AppendBatch(IReadOnlyList<byte[]> entries, DateTimeOffset now, IReadOnlyList<(PartyId Party, VerifierKey Key)> enrol)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(enrol);
        if (enrol.Count == 0)
        {
            return AppendBatch(entries, now);
        }

        foreach (var (_, key) in enrol)
        {
            CheckDemoKey(key);
        }

        var keys = Run("reading the validation state", () => ReadState(null).Keys);
        foreach (var (party, key) in enrol)
        {
            keys = keys.Find(key.Reference) is null ? keys.WithKey(party, key) : keys;
        }

        return WriteBatch(Prepare(entries, keys), now, allOrNothing: true, enrol: enrol).Checks;
    }

    /// <inheritdoc/>
    public IReadOnlyList<StatementCheck> AppendBatch(IReadOnlyList<byte[]> entries, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var keys = Run("reading the validation state", () => ReadState(null).Keys);
        return WriteBatch(Prepare(entries, keys), now).Checks;
    }

    /// <inheritdoc/>
    public IReadOnlyList<StatementCheck> AppendBatches(
        IEnumerable<IReadOnlyList<byte[]>> batches, DateTimeOffset now, Action<IReadOnlyList<StatementCheck>>? committed = null)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var all = new List<StatementCheck>();
        var keys = Run("reading the validation state", () => ReadState(null).Keys);
        using var source = batches.GetEnumerator();
        Task<PreparedBatch>? next = source.MoveNext() ? StartPrepare(source.Current, keys) : null;
        try
        {
            while (next is not null)
            {
                var prepared = next.GetAwaiter().GetResult();

                // Pipeline: the next batch's signatures are checked on every core while this one is written and committed. It is
                // checked against the keys known before this batch; a statement whose key this batch changes is re-checked under
                // the lock by the validator.
                next = source.MoveNext() ? StartPrepare(source.Current, keys) : null;
                var (checks, after) = WriteBatch(prepared, now);
                keys = after;
                all.AddRange(checks);
                committed?.Invoke(checks);
            }
        }
        catch
        {
            // Observe a batch still being prepared so its failure, if any, does not go unobserved; ours is the one to report.
            next?.ContinueWith(static t => t.Exception, TaskScheduler.Default);
            throw;
        }

        return all;
    }

    private static Task<PreparedBatch> StartPrepare(IReadOnlyList<byte[]> entries, KeyDirectory keys)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return Task.Run(() => Prepare(entries, keys));
    }

    /// <summary>
    /// Outside the write lock, on every core: parse each entry, hash it as a leaf, and check its signature against the keys known now.
    /// Under the lock, validation re-checks everything else against the locked state, and a signature again only if its key changed.
    /// </summary>
    private static PreparedBatch Prepare(IReadOnlyList<byte[]> entries, KeyDirectory keys)
    {
        var parsed = new StatementCheck[entries.Count];
        var verifiedUnder = new VerifierKey?[entries.Count];
        var leaves = new byte[entries.Count][];
        var claims = new BodyClaims?[entries.Count];
        var breaches = new RuleBreach?[entries.Count];
        void One(int i)
        {
            parsed[i] = SignedStatement.Parse(entries[i]);
            if (parsed[i].IsAccepted)
            {
                leaves[i] = RecordHashing.LeafHash(entries[i]).ToArray();
                if (keys.Find(parsed[i].Statement!.Statement.Key) is { } key && parsed[i].Statement!.VerifySignature(key.Key))
                {
                    verifiedUnder[i] = key.Key;
                }

                (claims[i], breaches[i]) = StatementBodies.Read(parsed[i].Statement!.Statement);
            }
        }

        if (entries.Count >= 16)
        {
            Parallel.For(0, entries.Count, One);
        }
        else
        {
            for (var i = 0; i < entries.Count; i++)
            {
                One(i);
            }
        }

        return new PreparedBatch(entries, parsed, verifiedUnder, leaves, claims, breaches);
    }

    /// <summary>
    /// Validates a prepared batch under the write lock and durably writes its accepted statements to <c>entries</c>, in one transaction.
    /// With <paramref name="allOrNothing"/>, nothing is committed unless every statement is accepted; <paramref name="alsoWrite"/> writes
    /// more rows in the same transaction before it commits.
    /// </summary>
    private (IReadOnlyList<StatementCheck> Checks, KeyDirectory Keys) WriteBatch(
        PreparedBatch batch, DateTimeOffset now, bool allOrNothing = false, Action<DbTransaction>? alsoWrite = null,
        IReadOnlyDictionary<string, StoredBatch>? pendingBatches = null, IReadOnlyList<(PartyId Party, VerifierKey Key)>? enrol = null) =>
        Run("appending statements", () =>
        {
            using var tx = BeginWrite();
            var state = ReadState(tx);
            var next = ReadCounter(tx, "accepted");
            var enrolAt = next;
            foreach (var (party, key) in enrol ?? [])
            {
                state = state.Keys.Find(key.Reference) is null ? state.WithPartyKey(party, key) : state;
            }

            var checks = new List<StatementCheck>(batch.Entries.Count);
            var lastSequence = new Dictionary<PartyId, long>();
            var demo = IsDemo;
            var facts = new FactView(this, tx, long.MaxValue, pendingBatches);
            if (BodyRulesEnabled)
            {
                facts.Prefetch(batch.Claims);
            }

            using var insert = Rows(tx, "entries", EntryColumns);
            for (var i = 0; i < batch.Entries.Count; i++)
            {
                var parsed = batch.Parsed[i];
                var check = parsed.IsAccepted ? StatementValidator.Validate(parsed.Statement!, state, now, null, batch.VerifiedUnder[i]) : parsed;
                if (check.IsAccepted && BodyRulesEnabled)
                {
                    // The body rules: what the author may assert, against the record before this statement (this batch's earlier ones included).
                    var key = state.Keys.Find(check.Statement.Statement.Key)!.Key;
                    var breach = batch.Breaches[i]
                                 ?? (!demo && DemoKeys.IsDemo(key) ? new RuleBreach(BodyRules.DemoKeyRefused, DemoKeys.Refusal(key)) : null)
                                 ?? StatementAdmission.Check(check.Statement.Statement, batch.Claims[i]!, facts, demo);
                    check = breach is null ? check : StatementCheck.Reject(breach);
                }

                checks.Add(check);
                if (check.IsAccepted)
                {
                    var statement = check.Statement.Statement;
                    var after = state.Apply(check.Statement);
                    if (BodyRulesEnabled && batch.Claims[i]?.ToFact(statement, next) is { } fact)
                    {
                        facts.Add(fact);
                    }

                    insert.Add([next++, batch.Entries[i], batch.Leaves[i], statement.Author.Code, statement.Sequence, statement.Kind.WireName()]);
                    lastSequence[statement.Author] = statement.Sequence;
                    WriteKeyChanges(tx, statement, state, after);
                    state = after;
                }
            }

            insert.Flush();
            if (allOrNothing && checks.Exists(c => !c.IsAccepted))
            {
                // Not committed: disposing the transaction rolls back what was inserted.
                return ((IReadOnlyList<StatementCheck>)checks, state.Keys);
            }

            if (lastSequence.Count > 0)
            {
                alsoWrite?.Invoke(tx);
                foreach (var (party, key) in enrol ?? [])
                {
                    Execute(tx, "INSERT INTO enrolled_keys (ref, party, vkey, position) VALUES (@r, @p, @k, @pos)",
                        ("r", key.Reference.ToString()), ("p", party.Code), ("k", key.ToString()), ("pos", enrolAt));
                    Execute(tx, "INSERT INTO statement_keys (ref, party, vkey, revoked) VALUES (@r, @p, @k, 0)",
                        ("r", key.Reference.ToString()), ("p", party.Code), ("k", key.ToString()));
                }

                using (var factRows = Rows(tx, "facts", FactColumns))
                {
                    foreach (var fact in facts.Added)
                    {
                        factRows.Add(FactRow(fact));
                    }

                    factRows.Flush();
                }

                foreach (var (party, seq) in lastSequence)
                {
                    Execute(tx, "INSERT INTO sequences (party, last_seq) VALUES (@p, @s) ON CONFLICT (party) DO UPDATE SET last_seq = excluded.last_seq",
                        ("p", party.Code), ("s", seq));
                }

                Execute(tx, "UPDATE meta SET value = @v WHERE name = 'accepted'", ("v", next.ToString(CultureInfo.InvariantCulture)));
                tx.Commit();
                foreach (var fact in facts.Added)
                {
                    Remember(fact);
                }
            }

            return ((IReadOnlyList<StatementCheck>)checks, state.Keys);
        });

    private void WriteKeyChanges(DbTransaction tx, Statement s, RecordState before, RecordState after)
    {
        if (s.Kind is not (StatementKind.KeyRotation or StatementKind.KeyRevocation))
        {
            return;
        }

        foreach (var key in after.Keys.Keys)
        {
            var previous = before.Keys.Find(key.Key.Reference);
            if (previous is null)
            {
                Execute(tx, "INSERT INTO statement_keys (ref, party, vkey, revoked) VALUES (@r, @p, @k, 0)",
                    ("r", key.Key.Reference.ToString()), ("p", key.Owner.Code), ("k", key.Key.ToString()));
            }
            else if (key.IsRevoked && !previous.IsRevoked)
            {
                Execute(tx, "UPDATE statement_keys SET revoked = 1 WHERE ref = @r", ("r", key.Key.Reference.ToString()));
            }
        }
    }

    /// <inheritdoc/>
    public Integration Integrate(int maxEntries = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        return Run("integrating pending statements", () =>
        {
            using var tx = BeginWrite();
            var size = ReadSize(tx);
            var count = (int)Math.Min(maxEntries, ReadCounter(tx, "accepted") - size);
            if (count <= 0)
            {
                return new Integration(size, 0, size);
            }

            // The tree commits to the stored bytes: every leaf hash is recomputed from the raw entry and must match the one written
            // when the entry was appended.
            var entries = new byte[count][];
            var stored = new MerkleHash[count];
            using (var cmd = Command(tx, "SELECT idx, entry, leaf_hash FROM entries WHERE idx >= @s AND idx < @e ORDER BY idx", ("s", size), ("e", size + count)))
            using (var reader = cmd.ExecuteReader())
            {
                var n = 0;
                while (reader.Read())
                {
                    if (reader.GetInt64(0) != size + n)
                    {
                        throw new RecordStoreException(StorageMessages.EntryMissing(size + n), isTransient: false);
                    }

                    entries[n] = (byte[])reader[1];
                    stored[n] = new MerkleHash((byte[])reader[2]);
                    n++;
                }

                if (n != count)
                {
                    throw new RecordStoreException(StorageMessages.EntryMissing(size + n), isTransient: false);
                }
            }

            var leaves = new MerkleHash[count];
            if (count >= 64)
            {
                Parallel.For(0, count, i => leaves[i] = RecordHashing.LeafHash(entries[i]));
            }
            else
            {
                for (var i = 0; i < count; i++)
                {
                    leaves[i] = RecordHashing.LeafHash(entries[i]);
                }
            }

            for (var i = 0; i < count; i++)
            {
                if (leaves[i] != stored[i])
                {
                    throw new RecordStoreException(StorageMessages.PendingLeafChanged(size + i), isTransient: false);
                }
            }

            // The log key signs only what was re-read from storage and checked again: signature, key and body rules.
            if (RecheckPending(tx, size, entries) is { } refused)
            {
                throw new RecordStoreException(StorageMessages.PendingRefused(refused.Index, refused.Reason), isTransient: false);
            }

            var cache = new Dictionary<(int Level, long Index), MerkleHash>();
            var first = size;
            var nodes = new List<object[]>(count);
            for (var b = 0; b < count; b++)
            {
                var leaf = leaves[b];
                cache[(0, size)] = leaf;

                // Invariant: after appending leaf i, every complete subtree ending at i has its node stored.
                var hash = leaf;
                var level = 0;
                var index = size;
                while ((index & 1) == 1)
                {
                    var left = cache.TryGetValue((level, index - 1), out var l) ? l : ReadNode(tx, level, index - 1);
                    hash = RecordHashing.NodeHash(left, hash);
                    level++;
                    index >>= 1;
                    cache[(level, index)] = hash;
                    nodes.Add([level, index, hash.ToArray()]);
                }

                size++;
            }

            using (var insertNode = Rows(tx, "nodes", "level", "idx", "hash"))
            {
                nodes.ForEach(insertNode.Add);
                insertNode.Flush();
            }

            Execute(tx, "UPDATE meta SET value = @v WHERE name = 'size'", ("v", size.ToString(CultureInfo.InvariantCulture)));
            tx.Commit();
            return new Integration(first, count, size);
        });
    }

    /// <inheritdoc/>
    public SignedNote Checkpoint(SigningKey logKey)
    {
        ArgumentNullException.ThrowIfNull(logKey);
        if (logKey.Name != Origin)
        {
            throw new ArgumentException(StorageMessages.OriginMismatch(logKey.Name, Origin), nameof(logKey));
        }

        return Run("signing a checkpoint", () =>
        {
            using var tx = BeginWrite();
            var size = ReadSize(tx);
            string? existing = null, existingHistory = null;
            using (var cmd = Command(tx, "SELECT note, history FROM checkpoints WHERE size = @s", ("s", size)))
            using (var reader = cmd.ExecuteReader())
            {
                if (reader.Read())
                {
                    existing = reader.GetString(0);
                    existingHistory = reader.IsDBNull(1) ? null : reader.GetString(1);
                }
            }

            if (existing is not null)
            {
                var stored = SignedNote.Parse(existing);
                if (existingHistory is null)
                {
                    // A checkpoint signed before schema 4: sign its history now, so the store's latest checkpoint always has one.
                    Execute(tx, "UPDATE checkpoints SET history = @h WHERE size = @s", ("s", size), ("h", History(tx, logKey, size, stored.Text).ToString()));
                    tx.Commit();
                }

                return stored;
            }

            var root = MerkleProofs.RootHash(new TransactionNodes(this, tx, size), size);
            var note = new Checkpoint(Origin, size, root).Sign(logKey);
            var history = History(tx, logKey, size, note.Text);
            Execute(tx, "INSERT INTO checkpoints (size, note, history) VALUES (@s, @n, @h)", ("s", size), ("n", note.ToString()), ("h", history.ToString()));
            tx.Commit();
            return note;
        });
    }

    /// <summary>
    /// The log key's signed history for a checkpoint at <paramref name="size"/>: the previous checkpoint's history extended by this one
    /// when the previous one has a history the log key signed, otherwise a chain over every stored checkpoint; and the digest of the
    /// enrolments that apply to entries below <paramref name="size"/>.
    /// </summary>
    private SignedNote History(DbTransaction tx, SigningKey logKey, long size, string checkpointText)
    {
        var chain = CheckpointHistory.Empty;
        var count = 0L;
        string? previousNote = null, previousHistory = null;
        using (var cmd = Command(tx, "SELECT note, history FROM checkpoints WHERE size < @s ORDER BY size DESC LIMIT 1", ("s", size)))
        using (var reader = cmd.ExecuteReader())
        {
            if (reader.Read())
            {
                previousNote = reader.GetString(0);
                previousHistory = reader.IsDBNull(1) ? null : reader.GetString(1);
            }
        }

        CheckpointHistory? previous = null;
        try
        {
            if (previousHistory is not null && SignedNote.Parse(previousHistory) is var signed && signed.Verify([logKey.NoteKey]).IsVerified)
            {
                previous = CheckpointHistory.Parse(signed.Text);
            }
        }
        catch (RecordFormatException)
        {
            // Not a history this key signed: the chain is computed from the stored checkpoints instead.
        }

        if (previous is not null && previous.Origin == Origin)
        {
            (chain, count) = (previous.Chain, previous.Count);
        }
        else if (previousNote is not null)
        {
            using var cmd = Command(tx, "SELECT note FROM checkpoints WHERE size < @s ORDER BY size", ("s", size));
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                chain = CheckpointHistory.Extend(chain, SignedNote.Parse(reader.GetString(0)).Text);
                count++;
            }
        }

        var enrolments = new List<(long, string, string, string)>();
        using (var cmd = Command(tx, "SELECT position, ref, party, vkey FROM enrolled_keys WHERE position < @s", ("s", size)))
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                enrolments.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        return new CheckpointHistory(Origin, count + 1, CheckpointHistory.Extend(chain, checkpointText), CheckpointHistory.EnrolmentDigest(enrolments))
            .Sign(logKey);
    }

    /// <inheritdoc/>
    public void SaveCosigned(SignedNote checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var size = Record.Notes.Checkpoint.Parse(checkpoint.Text).Size;
        Run("saving a cosigned checkpoint", () =>
        {
            using var tx = BeginWrite();
            var existing = Scalar<string?>(tx, "SELECT note FROM checkpoints WHERE size = @s", ("s", size));
            if (existing is null || SignedNote.Parse(existing).Text != checkpoint.Text)
            {
                throw new ArgumentException(StorageMessages.UnknownCheckpoint(size), nameof(checkpoint));
            }

            Execute(tx, "UPDATE checkpoints SET note = @n WHERE size = @s", ("s", size), ("n", checkpoint.ToString()));
            tx.Commit();
            return 0;
        });
    }

    /// <inheritdoc/>
    public SignedNote? LatestCheckpoint() => Run("reading the latest checkpoint", () =>
    {
        var text = Scalar<string?>(null, "SELECT note FROM checkpoints ORDER BY size DESC LIMIT 1");
        return text is null ? null : SignedNote.Parse(text);
    });

    /// <inheritdoc/>
    public InclusionProofFile ProveInclusion(long index) =>
        ProveInclusion(index, LatestCheckpoint() ?? throw new InvalidOperationException(StorageMessages.NoCheckpoint));

    /// <inheritdoc/>
    public InclusionProofFile ProveInclusion(long index, SignedNote checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var size = Record.Notes.Checkpoint.Parse(checkpoint.Text).Size;
        return Run("proving inclusion", () =>
        {
            // Invariant: the integrated size only grows, so a size once seen needs no query.
            if (size > _integratedSize && size > ReadSize(null))
            {
                throw new ArgumentException(StorageMessages.UnknownCheckpoint(size), nameof(checkpoint));
            }

            return InclusionProofFile.Create(new TreeView(this, size), index, checkpoint);
        });
    }

    /// <inheritdoc/>
    public IMerkleNodeSource Tree(long size)
    {
        var stored = Size;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, stored);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return new TreeView(this, size);
    }

    /// <inheritdoc/>
    public ConsistencyProof ProveConsistency(long oldSize, long newSize) =>
        Run("proving consistency", () => ConsistencyProof.Create(this, oldSize, newSize));

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
    public WitnessResponse Witness(CheckpointWitness witness, ReadOnlySpan<byte> requestBody, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(witness);
        var body = requestBody.ToArray();
        return Run("witnessing a checkpoint", () =>
        {
            // Invariant: the old-size check and the update happen under one write lock, so two requests cannot roll a log back.
            using var tx = BeginWrite();
            var response = witness.AddCheckpoint(body, origin => ReadWitnessed(tx, origin), now);
            if (response.Persist is { } record)
            {
                Execute(tx, "INSERT INTO witnessed (origin, size, root, note) VALUES (@o, @s, @r, @n) "
                    + "ON CONFLICT (origin) DO UPDATE SET size = excluded.size, root = excluded.root, note = excluded.note",
                    ("o", record.Origin), ("s", record.Size), ("r", record.RootHash.ToArray()), ("n", (object?)record.Checkpoint?.ToString() ?? DBNull.Value));
                tx.Commit();
            }

            return response;
        });
    }

    /// <inheritdoc/>
    public WitnessRecord? Witnessed(string origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        return Run("reading witnessed state", () => ReadWitnessed(null, origin));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            Connection.Dispose();
            GC.SuppressFinalize(this);
        }
    }

    private RecordState ReadState(DbTransaction? tx)
    {
        var state = RecordState.Empty;
        using (var cmd = Command(tx, "SELECT party, vkey, revoked FROM statement_keys ORDER BY ref"))
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                state = state.WithRestoredKey(new PartyId(reader.GetString(0)), VerifierKey.Parse(reader.GetString(1)), reader.GetInt32(2) != 0);
            }
        }

        using (var cmd = Command(tx, "SELECT party, last_seq FROM sequences"))
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                state = state.WithLastSequence(new PartyId(reader.GetString(0)), reader.GetInt64(1));
            }
        }

        return state;
    }

    private WitnessRecord? ReadWitnessed(DbTransaction? tx, string origin)
    {
        using var cmd = Command(tx, "SELECT size, root, note FROM witnessed WHERE origin = @o", ("o", origin));
        using var reader = cmd.ExecuteReader();
        return reader.Read()
            ? new WitnessRecord(origin, reader.GetInt64(0), new MerkleHash((byte[])reader[1]), reader.IsDBNull(2) ? null : SignedNote.Parse(reader.GetString(2)))
            : null;
    }

    private long ReadCounter(DbTransaction? tx, string name) =>
        long.Parse(Scalar<string>(tx, "SELECT value FROM meta WHERE name = @n", ("n", name))!, CultureInfo.InvariantCulture);

    private long ReadSize(DbTransaction? tx)
    {
        var size = ReadCounter(tx, "size");
        if (tx is null)
        {
            _integratedSize = Math.Max(_integratedSize, size);
        }

        return size;
    }

    private MerkleHash ReadNode(DbTransaction? tx, int level, long index)
    {
        // Invariant: a stored node never changes (the log is append-only), so a node read once can be served from memory.
        if (_nodeCache.TryGetValue((level, index), out var cached))
        {
            return cached;
        }

        var bytes = level == 0
            ? Scalar<byte[]>(tx, "SELECT leaf_hash FROM entries WHERE idx = @i", ("i", index))
            : Scalar<byte[]>(tx, "SELECT hash FROM nodes WHERE level = @l AND idx = @i", ("l", level), ("i", index));
        if (bytes is null || bytes.Length != MerkleHash.Length)
        {
            // Invariant: every node of the integrated tree is stored; one that is missing or malformed means the store was changed.
            throw new RecordStoreException(StorageMessages.NodeMissing(level, index), isTransient: false, isCorrupt: true);
        }

        var hash = new MerkleHash(bytes);
        if (_nodeCache.Count < NodeCacheLimit)
        {
            _nodeCache[(level, index)] = hash;
        }

        return hash;
    }

    private T Run<T>(string operation, Func<T> action)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_gate)
        {
            try
            {
                return action();
            }
            catch (DbException e)
            {
                throw new RecordStoreException(StorageMessages.Database(operation) + ": " + e.Message, IsTransient(e), e, IsCorruption(e));
            }
        }
    }

    /// <summary>The columns of <c>entries</c>, in the order rows are written.</summary>
    private protected static readonly string[] EntryColumns = ["idx", "entry", "leaf_hash", "author", "seq", "kind"];

    /// <summary>A writer of rows into <paramref name="table"/> inside <paramref name="tx"/>; the store's backend picks the fastest way.</summary>
    private protected virtual RowWriter Rows(DbTransaction tx, string table, params string[] columns) => new RowBuffer(this, tx, table, columns);

    /// <summary>A batch after the lock-free work: parsed statements, leaf hashes, and the key each signature verified under.</summary>
    private sealed record PreparedBatch(
        IReadOnlyList<byte[]> Entries, StatementCheck[] Parsed, VerifierKey?[] VerifiedUnder, byte[][] Leaves, BodyClaims?[] Claims, RuleBreach?[] Breaches);

    private DbCommand Command(DbTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        var cmd = Connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            if (value is byte[])
            {
                p.DbType = DbType.Binary;
            }

            cmd.Parameters.Add(p);
        }

        return cmd;
    }

    private void Execute(DbTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = Command(tx, sql, parameters);
        cmd.ExecuteNonQuery();
    }

    private T? Scalar<T>(DbTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = Command(tx, sql, parameters);
        var value = cmd.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture);
    }

    /// <summary>The stored tree at a size known to be integrated: nodes come from the store (and its cache), the size from the caller.</summary>
    private sealed class TreeView(DbRecordStore store, long size) : IMerkleNodeSource
    {
        public long Size => size;

        public MerkleHash Node(int level, long index) => store.Node(level, index);
    }

    /// <summary>Reads nodes inside an open transaction (used while signing a checkpoint under the write lock).</summary>
    private sealed class TransactionNodes(DbRecordStore store, DbTransaction tx, long size) : IMerkleNodeSource
    {
        public long Size => size;

        public MerkleHash Node(int level, long index) => store.ReadNode(tx, level, index);
    }

    /// <summary>Rows for one table, written within a write transaction; <see cref="Flush"/> writes what is left.</summary>
    private protected abstract class RowWriter : IDisposable
    {
        /// <summary>Adds one row: values in column order (long, int, string or byte[]).</summary>
        public abstract void Add(object[] values);

        /// <summary>Writes any rows not yet written.</summary>
        public abstract void Flush();

        /// <inheritdoc/>
        public virtual void Dispose()
        {
        }
    }

    /// <summary>
    /// Rows for one table, inserted with multi-row <c>INSERT … VALUES (…), (…)</c> statements of up to the store's
    /// <see cref="RowsPerInsert"/> rows, prepared once and reused.
    /// </summary>
    private sealed class RowBuffer : RowWriter
    {
        private readonly int _rowsPerStatement;
        private readonly DbRecordStore _store;
        private readonly DbTransaction _tx;
        private readonly string _table;
        private readonly string[] _columns;
        private readonly List<object[]> _rows = [];
        private DbCommand? _full;

        public RowBuffer(DbRecordStore store, DbTransaction tx, string table, params string[] columns)
        {
            _store = store;
            _rowsPerStatement = store.RowsPerInsert;
            _tx = tx;
            _table = table;
            _columns = columns;
        }

        public override void Add(object[] values)
        {
            _rows.Add(values);
            if (_rows.Count == _rowsPerStatement)
            {
                _full ??= Create(_rowsPerStatement);
                Execute(_full);
            }
        }

        public override void Flush()
        {
            if (_rows.Count > 0)
            {
                using var command = Create(_rows.Count);
                Execute(command);
            }
        }

        private DbCommand Create(int rows)
        {
            var command = _store.Connection.CreateCommand();
            command.Transaction = _tx;
            var sql = new System.Text.StringBuilder($"INSERT INTO {_table} ({string.Join(", ", _columns)}) VALUES ");
            for (var r = 0; r < rows; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < _columns.Length; c++)
                {
                    var p = command.CreateParameter();
                    p.ParameterName = $"p{r}_{c}";
                    command.Parameters.Add(p);
                    sql.Append(c == 0 ? "@" : ", @").Append(p.ParameterName);
                }

                sql.Append(')');
            }

            command.CommandText = sql.ToString();
            return command;
        }

        private void Execute(DbCommand command)
        {
            for (var r = 0; r < _rows.Count; r++)
            {
                for (var c = 0; c < _columns.Length; c++)
                {
                    var p = command.Parameters[(r * _columns.Length) + c];
                    p.Value = _rows[r][c];
                    if (_rows[r][c] is byte[] && p.DbType != DbType.Binary)
                    {
                        p.DbType = DbType.Binary;
                    }
                }
            }

            command.ExecuteNonQuery();
            _rows.Clear();
        }

        public override void Dispose() => _full?.Dispose();
    }
}
